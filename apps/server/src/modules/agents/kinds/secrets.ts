import type { Severity } from './findings.ts';

export interface SecretMatch {
  rule: string;
  severity: Severity;
  message: string;
  /** The secret, masked: never store or show a found credential whole. */
  evidence: string;
}

interface KnownFormat {
  rule: string;
  severity: Severity;
  what: string;
  pattern: RegExp;
}

/** Credential formats whose shape alone gives them away. */
const knownFormats: KnownFormat[] = [
  {
    rule: 'private_key',
    severity: 'critical',
    what: 'a private key',
    pattern: /-----BEGIN (?:(?:RSA|DSA|EC|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----/,
  },
  {
    rule: 'aws_access_key_id',
    severity: 'critical',
    what: 'an AWS access key id',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/,
  },
  {
    rule: 'aws_secret_access_key',
    severity: 'critical',
    what: 'an AWS secret access key',
    pattern: /(?:aws_?)?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/i,
  },
  {
    rule: 'github_token',
    severity: 'high',
    what: 'a GitHub token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/,
  },
  {
    rule: 'slack_token',
    severity: 'high',
    what: 'a Slack token',
    pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  },
  {
    rule: 'slack_webhook',
    severity: 'high',
    what: 'a Slack incoming-webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/,
  },
  {
    rule: 'stripe_live_key',
    severity: 'critical',
    what: 'a live Stripe secret key',
    pattern: /\b[rs]k_live_[0-9a-zA-Z]{24,}\b/,
  },
  {
    rule: 'json_web_token',
    severity: 'high',
    what: 'a JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
  },
  {
    rule: 'google_api_key',
    severity: 'high',
    what: 'a Google API key',
    pattern: /\bAIza[0-9A-Za-z_-]{35}\b/,
  },
];

// Values assigned to a credential-sounding name, and long quoted strings: the candidates for entropy checks.
const credentialAssignment =
  /\b[\w.-]*(?:secret|token|passw(?:or)?d|pwd|(?:api|auth|signing|encryption|master|access|private|client)[_-]?key|apikey|credential)[\w.-]*["']?\s*[:=]\s*["'`]?([^\s"'`,;)]{8,})/i;
const quotedString = /(["'`])([^"'`\s]{20,})\1/g;
const placeholder =
  /^(?:\$\{.*\}|\{\{.*\}\}|<.*>|%\(.*\)s|process\.env\b.*|os\.environ\b.*|env\(.*\)|(?:your|my|example|sample|dummy|test|fake|changeme|placeholder|xxx+|\*+)[\w-]*)$/i;

/** Bits per character: about 3 for English, near 4 for hex, 5 and up for random base64. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Finds committed credentials in one added line. */
export function findSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const format of knownFormats) {
    const match = format.pattern.exec(text);
    if (match) {
      found.push({
        rule: format.rule,
        severity: format.severity,
        message: `Committed ${format.what}. Revoke it and rotate it: it stays in the git history even after this line is removed.`,
        // Where the pattern names the credential, only its value (group 1) is the secret.
        evidence: mask(match[1] ?? match[0]),
      });
    }
  }
  if (found.length > 0) return found;
  const entropic = highEntropyCandidate(text);
  if (entropic) found.push(entropic);
  return found;
}

function highEntropyCandidate(text: string): SecretMatch | undefined {
  const assigned = credentialAssignment.exec(text)?.[1];
  if (
    assigned &&
    !placeholder.test(assigned) &&
    !/^https?:\/\//.test(assigned) &&
    isRandomLooking(assigned, 3.0)
  ) {
    return {
      rule: 'hardcoded_credential',
      severity: 'high',
      message:
        'A credential is written into the code. Read it from the environment or a secret store instead.',
      evidence: mask(assigned),
    };
  }
  for (const match of text.matchAll(quotedString)) {
    const value = match[2]!;
    // File names, versions, URLs and dotted identifiers are not keys.
    if (placeholder.test(value) || /[.:\\]/.test(value)) continue;
    const hex = /^[0-9a-fA-F]+$/.test(value);
    if (
      (hex && value.length >= 32 && shannonEntropy(value) >= 3.0) ||
      (!hex && isRandomLooking(value, 4.5))
    ) {
      return {
        rule: 'high_entropy_string',
        severity: 'medium',
        message: 'A long random-looking string was added; if it is a key or token, move it out of the code.',
        evidence: mask(value),
      };
    }
  }
  return undefined;
}

function isRandomLooking(value: string, threshold: number): boolean {
  if (!/^[A-Za-z0-9+/=_\-.~!@#$%^&*]+$/.test(value)) return false;
  // Mixed letters and digits: words and identifiers rarely are.
  return /\d/.test(value) && /[A-Za-z]/.test(value) && shannonEntropy(value) >= threshold;
}

function mask(secret: string): string {
  // A PEM header carries no secret; anything else shows its first four characters only.
  return secret.startsWith('-----') ? secret : `${secret.slice(0, 4)}… (${secret.length} characters)`;
}
