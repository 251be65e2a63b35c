import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const commaList = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const periodMs = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** A request rate as Django REST framework writes it ("60/minute", "5/s") or a bare count per minute. */
const rateSpec = z
  .string()
  .regex(/^\d+(\/(s|sec|second|m|min|minute|h|hour|d|day))?$/, 'expected N or N/second|minute|hour|day')
  .transform((v): RateSpec => {
    const [count, period = 'm'] = v.split('/');
    return { requests: Number(count), windowMs: periodMs[period[0] as keyof typeof periodMs] };
  })
  .refine((r) => r.requests > 0, 'must allow at least one request');
const optionalUrl = (protocols: string[]) =>
  z
    .url()
    .refine((v) => protocols.some((p) => v.startsWith(p)), `must start with ${protocols.join(' or ')}`)
    .optional();

/**
 * Every environment variable Agency OS reads. Each is documented in the README; keep the two in step.
 * Empty strings count as unset so that `FOO=` in a shell or .env file does not trip validation.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optionalUrl(['http://', 'https://']),
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
  AGENCY_DATA_DIR: z.string().min(1).default('./data'),
  WEB_DIST_DIR: z.string().min(1).optional(),
  REDIS_URL: optionalUrl(['redis://', 'rediss://']),
  AGENCY_SECRET_KEY: z.string().optional(),
  AGENCY_SECRET_KEY_PREVIOUS: commaList.optional(),
  AGENCY_DEMO: booleanFlag.optional(),
  CORS_ORIGINS: commaList.optional(),
  TRUST_PROXY: z.string().optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  API_KEY_RATE_LIMIT: rateSpec.default({ requests: 60, windowMs: 60_000 }),
  SERVICE_API_KEY_RATE_LIMIT: rateSpec.default({ requests: 300, windowMs: 60_000 }),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: optionalUrl(['smtp://', 'smtps://']),
  MAIL_FROM: z.string().default('Agency OS <no-reply@agency-os.local>'),
  GITHUB_CLIENT_ID: z.string().optional(),
  GITHUB_CLIENT_SECRET: z.string().optional(),
  GITHUB_OAUTH_URL: z.url().default('https://github.com'),
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  GOOGLE_AUTHORIZATION_URL: z.url().default('https://accounts.google.com/o/oauth2/v2/auth'),
  GOOGLE_TOKEN_URL: z.url().default('https://oauth2.googleapis.com/token'),
  GOOGLE_USERINFO_URL: z.url().default('https://openidconnect.googleapis.com/v1/userinfo'),
  FILE_SIZE_LIMIT: z.coerce.number().int().min(1).default(5_242_880),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: optionalUrl(['http://', 'https://']),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: booleanFlag.optional(),
  LLM_PROVIDER: z.enum(['offline', 'openai', 'anthropic', 'ollama']).default('offline'),
  LLM_MODEL: z.string().min(1).max(200).optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: optionalUrl(['http://', 'https://']),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: optionalUrl(['http://', 'https://']),
  OLLAMA_BASE_URL: optionalUrl(['http://', 'https://']),
});

export type Env = z.infer<typeof envSchema>;

// apps/web/dist of this checkout, wherever the process is started from.
const defaultWebDistDir = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

export interface RateSpec {
  requests: number;
  windowMs: number;
}

export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
}

/** Where uploaded files live: a folder under the data dir, or an S3-compatible bucket. */
export type StorageConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      /** For S3-compatible stores (MinIO, R2, …); unset means AWS. */
      endpoint: string | undefined;
      /** Unset: the AWS SDK's default credential chain. */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      forcePathStyle: boolean;
    };

/** The language model agents write with; `offline` needs no key and no network. */
export interface LlmConfig {
  provider: 'offline' | 'openai' | 'anthropic' | 'ollama';
  model: string;
  apiKey: string | undefined;
  /** Unset: the provider's public endpoint (Ollama: http://127.0.0.1:11434). */
  baseUrl: string | undefined;
}

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  dataDir: string;
  /** The built web app served at `/`. */
  webDistDir: string;
  redisUrl: string | undefined;
  secretKey: string | undefined;
  previousSecretKeys: string[];
  demo: boolean;
  corsOrigins: string[];
  trustProxy: boolean | string[] | number;
  rateLimitPerMinute: number;
  authRateLimitPerMinute: number;
  /** Plane's per-API-key limits on /api/v1 (sliding window); service tokens get the higher one. */
  apiKeyRateLimit: RateSpec;
  serviceApiKeyRateLimit: RateSpec;
  bodyLimit: number;
  logLevel: Env['LOG_LEVEL'];
  mail: { smtpUrl: string | undefined; from: string };
  storage: StorageConfig;
  /** Largest uploaded file, in bytes (Plane's FILE_SIZE_LIMIT). */
  fileSizeLimit: number;
  llm: LlmConfig;
  oauth: {
    github: (OAuthClientConfig & { oauthUrl: string; apiUrl: string }) | undefined;
    google:
      (OAuthClientConfig & { authorizationUrl: string; tokenUrl: string; userInfoUrl: string }) | undefined;
  };
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads and validates the environment; throws ConfigError naming every wrong variable at once. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // These read the raw strings, so their problems are listed together with the schema's.
  const github = pairedOAuth('GITHUB', raw.GITHUB_CLIENT_ID, raw.GITHUB_CLIENT_SECRET, problems);
  const google = pairedOAuth('GOOGLE', raw.GOOGLE_CLIENT_ID, raw.GOOGLE_CLIENT_SECRET, problems);
  const trustProxy = parseTrustProxy(raw.TRUST_PROXY, problems);
  const s3Credentials = pairedS3Keys(raw.S3_ACCESS_KEY_ID, raw.S3_SECRET_ACCESS_KEY, problems);
  const llm = llmConfig(raw, problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const env = parsed.data;

  const dataDir = path.resolve(env.AGENCY_DATA_DIR);
  const publicUrl = (env.PUBLIC_URL ?? `http://${hostForUrl(env.HOST)}:${env.PORT}`).replace(/\/$/, '');
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl,
    database: env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir },
    dataDir,
    webDistDir: env.WEB_DIST_DIR ? path.resolve(env.WEB_DIST_DIR) : defaultWebDistDir,
    redisUrl: env.REDIS_URL,
    secretKey: env.AGENCY_SECRET_KEY,
    previousSecretKeys: env.AGENCY_SECRET_KEY_PREVIOUS ?? [],
    demo: env.AGENCY_DEMO ?? !env.DATABASE_URL,
    corsOrigins: env.CORS_ORIGINS ?? [],
    trustProxy,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    authRateLimitPerMinute: env.AUTH_RATE_LIMIT_PER_MINUTE,
    apiKeyRateLimit: env.API_KEY_RATE_LIMIT,
    serviceApiKeyRateLimit: env.SERVICE_API_KEY_RATE_LIMIT,
    bodyLimit: env.BODY_LIMIT_BYTES,
    logLevel: env.LOG_LEVEL,
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    storage: env.S3_BUCKET
      ? {
          kind: 's3',
          bucket: env.S3_BUCKET,
          region: env.S3_REGION,
          endpoint: env.S3_ENDPOINT,
          credentials: s3Credentials,
          forcePathStyle: env.S3_FORCE_PATH_STYLE ?? env.S3_ENDPOINT !== undefined,
        }
      : { kind: 'local', dir: path.join(dataDir, 'uploads') },
    fileSizeLimit: env.FILE_SIZE_LIMIT,
    llm: llm!,
    oauth: {
      github: github && {
        ...github,
        oauthUrl: trimSlash(env.GITHUB_OAUTH_URL),
        apiUrl: trimSlash(env.GITHUB_API_URL),
      },
      google: google && {
        ...google,
        authorizationUrl: env.GOOGLE_AUTHORIZATION_URL,
        tokenUrl: env.GOOGLE_TOKEN_URL,
        userInfoUrl: env.GOOGLE_USERINFO_URL,
      },
    },
  };
}

function pairedOAuth(
  prefix: string,
  clientId: string | undefined,
  clientSecret: string | undefined,
  problems: string[],
): OAuthClientConfig | undefined {
  if (!clientId && !clientSecret) return undefined;
  if (!clientId || !clientSecret) {
    problems.push(`${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET: set both or neither`);
    return undefined;
  }
  return { clientId, clientSecret };
}

function pairedS3Keys(
  accessKeyId: string | undefined,
  secretAccessKey: string | undefined,
  problems: string[],
): { accessKeyId: string; secretAccessKey: string } | undefined {
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both or neither');
    return undefined;
  }
  return { accessKeyId, secretAccessKey };
}

const defaultModels: Record<LlmConfig['provider'], string> = {
  offline: 'offline-templates-1',
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5',
  ollama: 'llama3.2',
};

/** LLM_PROVIDER and what it needs: a cloud provider needs its API key. */
function llmConfig(raw: Record<string, string | undefined>, problems: string[]): LlmConfig | undefined {
  const provider = (raw.LLM_PROVIDER ?? 'offline') as LlmConfig['provider'];
  if (!(provider in defaultModels)) return undefined;
  const settings: Record<LlmConfig['provider'], { apiKey?: string; baseUrl?: string; key?: string }> = {
    offline: {},
    openai: { apiKey: raw.OPENAI_API_KEY, baseUrl: raw.OPENAI_BASE_URL, key: 'OPENAI_API_KEY' },
    anthropic: { apiKey: raw.ANTHROPIC_API_KEY, baseUrl: raw.ANTHROPIC_BASE_URL, key: 'ANTHROPIC_API_KEY' },
    ollama: { baseUrl: raw.OLLAMA_BASE_URL },
  };
  const { apiKey, baseUrl, key } = settings[provider];
  if (key && !apiKey) problems.push(`${key}: required when LLM_PROVIDER=${provider}`);
  return { provider, model: raw.LLM_MODEL ?? defaultModels[provider], apiKey, baseUrl };
}

/** TRUST_PROXY: unset/false (ignore X-Forwarded-*), true, a hop count, or a comma list of proxy IPs/CIDRs. */
function parseTrustProxy(value: string | undefined, problems: string[]): Config['trustProxy'] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value.split(',').map((s) => s.trim());
  if (list.some((s) => !/^[0-9a-fA-F.:/]+$/.test(s))) {
    problems.push('TRUST_PROXY: expected true, false, a hop count or a comma list of IP addresses/CIDRs');
    return false;
  }
  return list;
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function trimSlash(url: string): string {
  return url.replace(/\/$/, '');
}
