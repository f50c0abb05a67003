import { z } from 'zod';
import type { MailConfig } from './messaging/email';
import type { SmsConfig } from './messaging/sms';
import type { S3StoreConfig } from './storage/s3-file-store';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'Use true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const urlWith = (accepts: (url: URL) => boolean) => (value: string) => {
  try {
    return accepts(new URL(value));
  } catch {
    return false;
  }
};

/** `Name <addr@host>` or a bare `addr@host`; no line breaks, which would inject headers. */
const MAIL_ADDRESS = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

// Settings that only work as a set: half a set would silently fall back to the default.
const SETS = [
  { names: ['SMS_ACCOUNT_SID', 'SMS_AUTH_TOKEN', 'SMS_FROM'], otherwise: 'log SMS instead' },
  { names: ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'], otherwise: 'keep files in FILES_DIR' },
] as const;

// Credentials and patients' data travel to these services: only loopback may go without TLS.
const httpsOrLoopback = urlWith((url) => url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)));

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATA_DIR: z.string().min(1).default('./data'),
  FILES_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'Use a postgres:// or postgresql:// URL' })
    .optional(),
  PUBLIC_URL: z.url({ message: 'Use an absolute http(s) URL' }).optional(),
  SEED_DEMO: booleanFlag.optional(),
  DEMO_PASSWORD: z.string().min(12, { message: 'Use at least 12 characters' }).default('carebeam-demo'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z
    .string()
    .refine(urlWith((url) => /^smtps?:$/.test(url.protocol) && url.hostname !== ''), {
      message: 'Use an smtp:// or smtps:// URL with a host',
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(MAIL_ADDRESS, { message: 'Use "Name <address@host>" or address@host' })
    .default('Carebeam <no-reply@localhost>'),
  SMS_API_URL: z.string().refine(httpsOrLoopback, { message: 'Use an https:// URL (http:// only for localhost)' }).default('https://api.twilio.com'),
  SMS_ACCOUNT_SID: z.string().trim().min(1).optional(),
  SMS_AUTH_TOKEN: z.string().min(1).optional(),
  SMS_FROM: z
    .string()
    .regex(/^\+[1-9]\d{1,14}$/, { message: 'Use an E.164 number such as +12125550100' })
    .optional(),
  S3_ENDPOINT: z.string().refine(httpsOrLoopback, { message: 'Use an https:// URL (http:// only for localhost)' }).optional(),
  S3_REGION: z.string().trim().regex(/^[a-z0-9-]+$/, { message: 'Use a region name such as eu-central-1' }).default('us-east-1'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'Use a bucket name (3–63 lowercase letters, digits, dots, hyphens)' }).optional(),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  /** Uploaded files: a directory (several instances must share it) or an S3-compatible bucket. */
  files: { kind: 'local'; directory: string } | ({ kind: 's3' } & S3StoreConfig);
  publicUrl: URL;
  /** Cookies carry `Secure` whenever the public address is not the local machine. */
  secureCookies: boolean;
  seedDemo: boolean;
  demoPassword: string;
  sessionIdleMinutes: number;
  logLevel: string;
  /** Without SMTP_URL, email is only logged (recipient and subject). */
  mail: MailConfig;
  /** Without SMS credentials, SMS is only logged (recipient). */
  sms: SmsConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; the error names every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  const lines = parsed.success ? [] : parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  for (const { names, otherwise } of SETS) {
    const missing = names.filter((name) => present[name] === undefined);
    if (missing.length > 0 && missing.length < names.length) {
      lines.push(`  ${missing.join(', ')}: set together with ${names.filter((name) => !missing.includes(name)).join(', ')} (or unset all to ${otherwise})`);
    }
  }
  if (!parsed.success || lines.length > 0) throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  const e = parsed.data;
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  const local = LOOPBACK_HOSTS.has(publicUrl.hostname);
  if (publicUrl.protocol !== 'https:' && !local) {
    throw new ConfigError(
      'Invalid configuration:\n  PUBLIC_URL: use https:// for any address other than localhost',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
    files:
      e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? {
            kind: 's3',
            endpoint: new URL(e.S3_ENDPOINT ?? `https://s3.${e.S3_REGION}.amazonaws.com`),
            region: e.S3_REGION,
            bucket: e.S3_BUCKET,
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          }
        : { kind: 'local', directory: e.FILES_DIR ?? (e.DATABASE_URL ? './files' : `${e.DATA_DIR}/files`) },
    publicUrl,
    secureCookies: !local,
    seedDemo: e.SEED_DEMO ?? !e.DATABASE_URL,
    demoPassword: e.DEMO_PASSWORD,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    logLevel: e.LOG_LEVEL,
    mail: e.SMTP_URL ? { kind: 'smtp', url: e.SMTP_URL, from: e.MAIL_FROM } : { kind: 'log', from: e.MAIL_FROM },
    sms:
      e.SMS_ACCOUNT_SID && e.SMS_AUTH_TOKEN && e.SMS_FROM
        ? { kind: 'http', baseUrl: e.SMS_API_URL, accountSid: e.SMS_ACCOUNT_SID, authToken: e.SMS_AUTH_TOKEN, from: e.SMS_FROM }
        : { kind: 'log' },
  };
}
