import { z } from 'zod';
import type { MailConfig } from './messaging/email';
import type { SmsConfig } from './messaging/sms';

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

const SMS_CREDENTIALS = ['SMS_ACCOUNT_SID', 'SMS_AUTH_TOKEN', 'SMS_FROM'] as const;

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
  // The auth token travels in a header: only loopback may go without TLS.
  SMS_API_URL: z
    .string()
    .refine(urlWith((url) => url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))), {
      message: 'Use an https:// URL (http:// only for localhost)',
    })
    .default('https://api.twilio.com'),
  SMS_ACCOUNT_SID: z.string().trim().min(1).optional(),
  SMS_AUTH_TOKEN: z.string().min(1).optional(),
  SMS_FROM: z
    .string()
    .regex(/^\+[1-9]\d{1,14}$/, { message: 'Use an E.164 number such as +12125550100' })
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  /** Uploaded files; several instances must share it (a network volume). */
  filesDir: string;
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
  // All of the SMS credentials or none: half a set would silently fall back to logging.
  const smsMissing = SMS_CREDENTIALS.filter((name) => present[name] === undefined);
  if (smsMissing.length > 0 && smsMissing.length < SMS_CREDENTIALS.length) {
    lines.push(`  ${smsMissing.join(', ')}: set together with ${SMS_CREDENTIALS.filter((name) => !smsMissing.includes(name)).join(', ')} (or unset all to log SMS instead)`);
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
    filesDir: e.FILES_DIR ?? (e.DATABASE_URL ? './files' : `${e.DATA_DIR}/files`),
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
