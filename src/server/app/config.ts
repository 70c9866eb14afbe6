import { supportedMimeTypes } from 'file-type';
import { z } from 'zod';

/**
 * Every setting Kefu reads from the environment, declared once: the variable, what it does, its
 * schema and default. Start-up validates all of them and exits with a message naming the variable.
 * README's configuration table is checked against this list by a test.
 */
const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

export const CONFIG_ENTRIES = {
  port: { env: 'PORT', doc: 'HTTP port', schema: z.coerce.number().int().min(1).max(65535), default: '3000' },
  host: { env: 'HOST', doc: 'Address to listen on', schema: z.string().min(1), default: '0.0.0.0' },
  dataDir: {
    env: 'KEFU_DATA_DIR',
    doc: 'Directory of the embedded database and uploaded files',
    schema: z.string().min(1),
    default: './data',
  },
  embeddedDurability: {
    env: 'KEFU_EMBEDDED_DURABILITY',
    doc: 'How the embedded database writes: `full` syncs each commit to disk; `unsafe_no_fsync` is faster but a power loss or OS crash can lose committed records or corrupt the data directory',
    schema: z.enum(['full', 'unsafe_no_fsync']),
    default: 'full',
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    doc: 'PostgreSQL 15+ connection URL; when set, the embedded database is not used',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    default: undefined,
  },
  databaseReadUrl: {
    env: 'DATABASE_READ_URL',
    doc: 'A streaming replica of DATABASE_URL for reads that tolerate lag (ticket lists and search, reports); writes and reads of what was just written stay on DATABASE_URL, and reads go back to it while the replica is down or behind',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    default: undefined,
  },
  databaseReadMaxLagSeconds: {
    env: 'KEFU_READ_MAX_LAG_SECONDS',
    doc: 'Replay lag of the replica (DATABASE_READ_URL) past which its reads go to DATABASE_URL',
    schema: z.coerce.number().min(0).max(86_400),
    default: '30',
  },
  databasePoolSize: {
    env: 'KEFU_DB_POOL_SIZE',
    doc: 'Connections in the PostgreSQL pool',
    schema: z.coerce.number().int().min(1).max(200),
    default: '10',
  },
  adminPassword: {
    env: 'KEFU_ADMIN_PASSWORD',
    doc: 'Password of the first administrator `admin`, used only when the database has no users yet (random and printed once when unset)',
    schema: z.string().min(8, 'at least 8 characters').max(128).optional(),
    default: undefined,
  },
  demo: {
    env: 'KEFU_DEMO',
    doc: 'Load the demo company at start-up (1/0)',
    schema: booleanFlag,
    default: '0',
  },
  demoHistory: {
    env: 'KEFU_DEMO_HISTORY',
    doc: 'With the demo company, also load three months of its past work (customers, tickets, work orders, surveys; once) (1/0)',
    schema: booleanFlag,
    default: '1',
  },
  reportExportMaxRows: {
    env: 'KEFU_REPORT_EXPORT_MAX_ROWS',
    doc: 'Most rows one sheet of a report export (Excel, download or scheduled e-mail) may hold; more is refused with the limit named',
    schema: z.coerce.number().int().min(1).max(1_000_000),
    default: '50000',
  },
  customerExportApprovalRows: {
    env: 'KEFU_CUSTOMER_EXPORT_APPROVAL_ROWS',
    doc: 'An export of customer records with more rows than this needs an approval before it can be downloaded (CUS-3)',
    schema: z.coerce.number().int().min(0).max(1_000_000),
    default: '200',
  },
  logLevel: {
    env: 'KEFU_LOG_LEVEL',
    doc: 'Log level: fatal, error, warn, info, debug, trace, silent',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
  },
  sessionIdleMinutes: {
    env: 'KEFU_SESSION_IDLE_MINUTES',
    doc: 'A session ends after this many minutes without a request',
    schema: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    default: '240',
  },
  sessionAbsoluteHours: {
    env: 'KEFU_SESSION_ABSOLUTE_HOURS',
    doc: 'A session ends this many hours after login, active or not',
    schema: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90),
    default: '12',
  },
  loginMaxFailures: {
    env: 'KEFU_LOGIN_MAX_FAILURES',
    doc: 'Wrong passwords in a row, per account and client address, before that address is locked out of the account',
    schema: z.coerce.number().int().min(1).max(100),
    default: '5',
  },
  loginLockMinutes: {
    env: 'KEFU_LOGIN_LOCK_MINUTES',
    doc: 'How long the first lock lasts; each further lock of the same account and address lasts twice the one before (up to 64 times)',
    schema: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    default: '15',
  },
  loginRateLimitPerMinute: {
    env: 'KEFU_LOGIN_RATE_LIMIT',
    doc: 'Login attempts allowed per client address per minute, counted in the database so every instance shares the count',
    schema: z.coerce.number().int().min(1).max(10_000),
    default: '30',
  },
  secureCookies: {
    env: 'KEFU_SECURE_COOKIES',
    doc: 'Mark cookies Secure (set to 1 when Kefu is served over HTTPS)',
    schema: booleanFlag,
    default: '0',
  },
  trustProxy: {
    env: 'KEFU_TRUST_PROXY',
    doc: 'Trust X-Forwarded-* headers from a reverse proxy (1/0)',
    schema: booleanFlag,
    default: '0',
  },
  publicUrl: {
    env: 'KEFU_PUBLIC_URL',
    doc: 'Address customers reach this Kefu at (https://kefu.example.cn); links in SMS and e-mail (surveys, work orders) start with it. Unset: the links are relative',
    schema: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    default: undefined,
  },
  telephonyToken: {
    env: 'KEFU_TELEPHONY_TOKEN',
    doc: 'Bearer token the telephony integration sends with call events (POST /api/v1/telephony/events); when unset only signed-in users may post them (the simulate-call button)',
    schema: z.string().min(16, 'at least 16 characters').max(200).optional(),
    default: undefined,
  },
  secretKey: {
    env: 'KEFU_SECRET_KEY',
    doc: 'Key (32 bytes, base64 or 64 hex digits) that encrypts channel secrets (SMS gateway keys, WeChat secrets) at rest; when unset a random key is kept in KEFU_DATA_DIR/secret.key',
    schema: z
      .string()
      .refine(
        (v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, 'base64').length === 32,
        '32 bytes in base64, or 64 hex digits',
      )
      .optional(),
    default: undefined,
  },
  metricsToken: {
    env: 'KEFU_METRICS_TOKEN',
    doc: 'Bearer token Prometheus sends to read /metrics; when unset /metrics answers only to requests made directly from this machine (loopback, no proxy header)',
    schema: z.string().min(16, 'at least 16 characters').max(200).optional(),
    default: undefined,
  },
  attachmentMaxMb: {
    env: 'KEFU_ATTACHMENT_MAX_MB',
    doc: 'Largest attachment accepted, in megabytes',
    schema: z.coerce.number().int().min(1).max(1024),
    default: '10',
  },
  attachmentTypes: {
    env: 'KEFU_ATTACHMENT_TYPES',
    doc: 'Attachment types accepted, as MIME types separated by commas; the type is read from the file content, never its name',
    schema: z
      .string()
      .transform((v) => [
        ...new Set(
          v
            .split(',')
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean),
        ),
      ])
      .pipe(
        z
          .array(
            z.string().refine((t) => (supportedMimeTypes as ReadonlySet<string>).has(t), {
              error: (i) => `${String(i.input)} cannot be recognised from file content`,
            }),
          )
          .min(1, 'at least one type'),
      ),
    default: 'image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf,audio/amr',
  },
  s3Endpoint: {
    env: 'KEFU_S3_ENDPOINT',
    doc: 'S3-compatible object storage URL (MinIO, OSS, COS, S3…); when set, uploaded files go there instead of the data directory, which several instances need',
    schema: z.url({ protocol: /^https?$/ }).optional(),
    default: undefined,
  },
  s3Bucket: {
    env: 'KEFU_S3_BUCKET',
    doc: 'Bucket for uploaded files (required with KEFU_S3_ENDPOINT)',
    schema: z.string().min(3).max(63).optional(),
    default: undefined,
  },
  s3Region: {
    env: 'KEFU_S3_REGION',
    doc: 'Region of the bucket, as the storage provider names it',
    schema: z.string().min(1).max(64).optional(),
    default: undefined,
  },
  s3AccessKeyId: {
    env: 'KEFU_S3_ACCESS_KEY_ID',
    doc: 'Access key id for the bucket (required with KEFU_S3_ENDPOINT)',
    schema: z.string().min(1).optional(),
    default: undefined,
  },
  s3SecretAccessKey: {
    env: 'KEFU_S3_SECRET_ACCESS_KEY',
    doc: 'Secret access key for the bucket (required with KEFU_S3_ENDPOINT)',
    schema: z.string().min(1).optional(),
    default: undefined,
  },
  s3ForcePathStyle: {
    env: 'KEFU_S3_FORCE_PATH_STYLE',
    doc: 'Address the bucket as endpoint/bucket instead of bucket.endpoint (1 for MinIO and most self-hosted servers)',
    schema: booleanFlag.optional(),
    default: undefined,
  },
  smsProvider: {
    env: 'KEFU_SMS_PROVIDER',
    doc: 'How SMS leave Kefu: outbox (kept in the outbox only, nothing is sent) or webhook (JSON POST to an SMS gateway)',
    schema: z.enum(['outbox', 'webhook']),
    default: 'outbox',
  },
  smsWebhookUrl: {
    env: 'KEFU_SMS_WEBHOOK_URL',
    doc: 'URL the webhook SMS provider posts each message to (required with KEFU_SMS_PROVIDER=webhook)',
    schema: z.url({ protocol: /^https?$/ }).optional(),
    default: undefined,
  },
  smsWebhookSecret: {
    env: 'KEFU_SMS_WEBHOOK_SECRET',
    doc: 'Shared secret of the HMAC-SHA256 signature on webhook posts (required with KEFU_SMS_PROVIDER=webhook)',
    schema: z.string().min(16, 'at least 16 characters').max(200).optional(),
    default: undefined,
  },
  emailProvider: {
    env: 'KEFU_EMAIL_PROVIDER',
    doc: 'How e-mail leaves Kefu: outbox (kept in the outbox only, nothing is sent) or smtp',
    schema: z.enum(['outbox', 'smtp']),
    default: 'outbox',
  },
  smtpUrl: {
    env: 'KEFU_SMTP_URL',
    doc: 'SMTP server, e.g. smtps://user:password@smtp.example.cn:465 (required with KEFU_EMAIL_PROVIDER=smtp)',
    schema: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    default: undefined,
  },
  smtpFrom: {
    env: 'KEFU_SMTP_FROM',
    doc: 'Sender of e-mail, e.g. "客服中心 <kefu@example.cn>" (required with KEFU_EMAIL_PROVIDER=smtp)',
    schema: z.string().min(3).max(200).optional(),
    default: undefined,
  },
} as const;

type Entries = typeof CONFIG_ENTRIES;
export type Config = { [K in keyof Entries]: z.output<Entries[K]['schema']> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 / Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(CONFIG_ENTRIES)) {
    const raw = env[entry.env];
    const value = raw === undefined || raw === '' ? entry.default : raw;
    const parsed = (entry.schema as z.ZodType).safeParse(value);
    if (parsed.success) out[key] = parsed.data;
    else {
      const reason = parsed.error.issues.map((i) => i.message).join('; ');
      problems.push(`${entry.env}=${JSON.stringify(raw)}: ${reason} (${entry.doc})`);
    }
  }
  if (problems.length === 0) problems.push(...s3SettingsProblems(env));
  if (problems.length === 0) problems.push(...messageProviderProblems(out as Config));
  if (problems.length > 0) throw new ConfigError(problems);
  return out as Config;
}

const S3_REQUIRED = ['s3Endpoint', 's3Bucket', 's3AccessKeyId', 's3SecretAccessKey'] as const;
const S3_OPTIONAL = ['s3Region', 's3ForcePathStyle'] as const;

/** Object storage is configured all or nothing: half a configuration would silently keep files on one machine. */
function s3SettingsProblems(env: Record<string, string | undefined>): string[] {
  const given = (key: keyof Entries) => !!env[CONFIG_ENTRIES[key].env];
  const set = [...S3_REQUIRED, ...S3_OPTIONAL].filter(given);
  const missing = S3_REQUIRED.filter((k) => !given(k));
  if (set.length === 0 || missing.length === 0) return [];
  const names = (keys: readonly (keyof Entries)[]) => keys.map((k) => CONFIG_ENTRIES[k].env).join(', ');
  return [
    `${names(missing)}: 未设置；对象存储需要完整配置 / not set; object storage needs all of ${names(S3_REQUIRED)} (given: ${names(set)})`,
  ];
}

/** A provider chosen without its settings would fail every message; say so at start-up instead. */
function messageProviderProblems(config: Config): string[] {
  const problems: string[] = [];
  const need = (key: keyof Entries, because: string) => {
    if (!config[key]) problems.push(`${CONFIG_ENTRIES[key].env}: 未设置 / not set; required with ${because}`);
  };
  if (config.smsProvider === 'webhook') {
    need('smsWebhookUrl', 'KEFU_SMS_PROVIDER=webhook');
    need('smsWebhookSecret', 'KEFU_SMS_PROVIDER=webhook');
  }
  if (config.emailProvider === 'smtp') {
    need('smtpUrl', 'KEFU_EMAIL_PROVIDER=smtp');
    need('smtpFrom', 'KEFU_EMAIL_PROVIDER=smtp');
  }
  return problems;
}
