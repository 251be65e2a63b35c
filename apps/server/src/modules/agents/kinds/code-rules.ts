import type { Finding, Severity } from './findings.ts';
import { findSecrets } from './secrets.ts';
import type { DiffFile } from './unified-diff.ts';

interface LineRule {
  rule: string;
  severity: Severity;
  message: string;
  /** Any of these matching the added line fires the rule. */
  patterns: RegExp[];
}

// SQL in a string: upper-case keywords, or lower-case ones in the shape of a statement (not prose like
// 'Select a file from the list').
const sqlText = [
  String.raw`SELECT\s.*?\sFROM\s|INSERT\s+INTO\s|UPDATE\s+[\w."]+\s+SET\s|DELETE\s+FROM\s`,
  String.raw`\sWHERE\s+[\w.]+\s*(?:=|<|>|LIKE\b|IN\b)`,
  String.raw`select\s+(?:\*|[\w.]+(?:\s*,\s*[\w.]+)*)\s+from\s+[\w."]+|insert\s+into\s+[\w."]+`,
  String.raw`update\s+[\w."]+\s+set\s+[\w.]+\s*=|delete\s+from\s+[\w."]+|\swhere\s+[\w.]+\s*=`,
].join('|');

/** SQL text joined with values: concatenation, untagged template literals, f-strings, % and .format(). */
function sqlConcatenation(): RegExp[] {
  const inQuotes = (q: string) => `${q}[^${q}\n]*(?:${sqlText})[^${q}\n]*`;
  return [
    // A template literal with ${…}, unless tagged (sql`…` binds its values).
    new RegExp(`(?<![\\w$.])\`[^\`]*(?:${sqlText})[^\`]*\\$\\{`),
    ...['"', "'"].flatMap((q) => [
      new RegExp(`${inQuotes(q)}${q}\\s*\\+\\s*[\\w$(]`),
      new RegExp(`\\bf${inQuotes(q)}\\{`),
      new RegExp(`${inQuotes(q)}${q}\\s*(?:%\\s*[\\w(]|\\.format\\()`),
    ]),
  ];
}

/** Rules over single added lines of code. */
const lineRules: LineRule[] = [
  {
    rule: 'eval',
    severity: 'high',
    message: 'eval() runs a string as code; anyone who controls the string controls the process.',
    patterns: [/(?<![.\w$])eval\s*\(/],
  },
  {
    rule: 'function_constructor',
    severity: 'high',
    message: 'new Function() compiles a string into code, like eval().',
    patterns: [/\bnew\s+Function\s*\(/],
  },
  {
    rule: 'shell_injection',
    severity: 'high',
    message:
      'A shell command is built from interpolated values; pass arguments as an array to execFile/spawn instead.',
    patterns: [
      /(?:(?:child_process|childProcess|cp)\.|(?<![.\w$]))(?:exec|execSync)\s*\(\s*(?:`[^`]*\$\{|["'][^"']*["']\s*\+|[\w$.]+\s*\+)/,
      /\bos\.(?:system|popen)\s*\(\s*(?:f["']|["'][^"']*["']\s*(?:\+|%))/,
      /\bsubprocess\.\w+\([^)]*shell\s*=\s*True/,
    ],
  },
  {
    rule: 'shell_option',
    severity: 'medium',
    message: 'spawn/execFile with shell: true parses the command through a shell; drop the option.',
    patterns: [/\b(?:spawn|spawnSync|execFile|execFileSync)\s*\([^)]*\bshell\s*:\s*true/],
  },
  {
    rule: 'sql_concatenation',
    severity: 'high',
    message: 'SQL is built by pasting values into the query text; use bound parameters (or a query builder).',
    patterns: sqlConcatenation(),
  },
  {
    rule: 'tls_verification_disabled',
    severity: 'high',
    message: 'Certificate verification is turned off, so any server can impersonate the real one.',
    patterns: [
      /\brejectUnauthorized\s*:\s*false\b/,
      /\bNODE_TLS_REJECT_UNAUTHORIZED["']?\s*[:=]\s*["']?0\b/,
      /\bverify\s*=\s*False\b/,
      /\bInsecureSkipVerify\s*:\s*true\b/,
      /\bcheckServerIdentity\s*:\s*\(\s*\)\s*=>\s*(?:undefined|null|\{\s*\})/,
    ],
  },
  {
    rule: 'tls_relaxed',
    severity: 'medium',
    message: 'TLS checking is relaxed (strictSSL off, curl --insecure); trust the right CA instead.',
    patterns: [/\bstrictSSL\s*:\s*false\b/, /\bcurl\b.*\s(?:-k|--insecure)\b/],
  },
];

const codeExtensions = /\.(?:[cm]?[jt]sx?|py|go|rb|java|kts?|rs|php|cs|swift|scala|sh)$/;
const configExtensions = /(?:^|\/)(?:\.env[\w.-]*|[^/]+\.(?:ya?ml|json|toml|ini|conf|cfg|properties))$/;
const testPath =
  /(?:^|\/)(?:tests?|__tests__|specs?|e2e)\/|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$|_test\.(?:go|py|rb)$|(?:^|\/)test_[^/]+\.py$|Tests?\.(?:java|kt|cs|swift)$/;
/** Generated or vendored files: never reviewed line by line, never counted in the change size. */
const generatedPath =
  /(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|go\.sum|poetry\.lock|composer\.lock|Gemfile\.lock)$|\.min\.(?:js|css)$|\.map$|(?:^|\/)(?:vendor|node_modules|dist)\//;

export function isTestFile(path: string): boolean {
  return testPath.test(path);
}

export function isGenerated(path: string): boolean {
  return generatedPath.test(path);
}

function isComment(text: string): boolean {
  return /^\s*(?:\/\/|\/\*|\*|#(?!!)|--)/.test(text);
}

/** Secrets in every added line; dangerous code in added lines of code and config files (not comments). */
export function lineFindings(file: DiffFile): Finding[] {
  if (file.binary || isGenerated(file.path)) return [];
  const code = codeExtensions.test(file.path);
  const checked = code || configExtensions.test(file.path);
  const findings: Finding[] = [];
  for (const { line, text } of file.added) {
    for (const secret of findSecrets(text)) {
      findings.push({ ...secret, category: 'security', file: file.path, line });
    }
    if (!checked || isComment(text)) continue;
    for (const rule of lineRules) {
      if (rule.patterns.some((pattern) => pattern.test(text))) {
        findings.push({
          rule: rule.rule,
          category: 'security',
          severity: rule.severity,
          file: file.path,
          line,
          message: rule.message,
          evidence: text.trim().slice(0, 200),
        });
      }
    }
  }
  return findings;
}

/** Source changed while no test changed. */
export function untestedChange(files: DiffFile[]): Finding | undefined {
  const source = files.filter(
    (f) =>
      f.status !== 'deleted' &&
      f.additions > 0 &&
      codeExtensions.test(f.path) &&
      !isTestFile(f.path) &&
      !isGenerated(f.path),
  );
  if (source.length === 0 || files.some((f) => isTestFile(f.path))) return undefined;
  const names = source.map((f) => f.path);
  return {
    rule: 'untested_change',
    category: 'quality',
    severity: 'medium',
    file: null,
    line: null,
    message: `Source changed without a test change: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}. Add or update a test that covers it.`,
    evidence: null,
  };
}

/** More lines or files than one review can hold. */
export function oversizedChange(
  files: DiffFile[],
  limits: { maxChangedLines: number; maxFiles: number },
): Finding | undefined {
  const counted = files.filter((f) => !isGenerated(f.path));
  const lines = counted.reduce((n, f) => n + f.additions + f.deletions, 0);
  if (lines <= limits.maxChangedLines && counted.length <= limits.maxFiles) return undefined;
  const far = lines > 2 * limits.maxChangedLines || counted.length > 2 * limits.maxFiles;
  return {
    rule: 'oversized_change',
    category: 'quality',
    severity: far ? 'medium' : 'low',
    file: null,
    line: null,
    message: `This change touches ${lines} lines in ${counted.length} files (limits: ${limits.maxChangedLines} lines, ${limits.maxFiles} files). Split it so each part can be reviewed properly.`,
    evidence: null,
  };
}
