import { isIP } from 'node:net';
import { z } from 'zod';
import type { MailConfig, SmsConfig } from './modules/messaging';
import type { IceSettings } from './modules/video';
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
  // Migrations alone (`carebeam migrate`) may run as a role with more rights than the app's.
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'Use a postgres:// or postgresql:// URL' })
    .optional(),
  PUBLIC_URL: z.url({ message: 'Use an absolute http(s) URL' }).optional(),
  SEED_DEMO: booleanFlag.optional(),
  DEMO_PASSWORD: z.string().min(12, { message: 'Use at least 12 characters' }).default('carebeam-demo'),
  // How long a staff sign-in may stay idle; the name predates the word "sign-in" and stays for deployments.
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  // Proxies whose X-Forwarded-For names the client: addresses or CIDR ranges, comma-separated.
  TRUST_PROXY: z
    .string()
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine(isAddressOrRange, { message: 'Use IP addresses or CIDR ranges separated by commas, e.g. 10.0.0.1,10.1.0.0/16' })))
    .optional(),
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
  ICE_SERVERS: z
    .string()
    .transform((value) => value.split(',').map((url) => url.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^(stun|stuns|turn|turns):[^\s,]+$/, { message: 'Use stun:, stuns:, turn: or turns: URLs separated by commas' })))
    .optional(),
  TURN_SECRET: z.string().min(16, { message: 'Use at least 16 characters (the static-auth-secret of coturn)' }).optional(),
  ICE_TRANSPORT_POLICY: z.enum(['all', 'relay'], { message: 'Use all or relay' }).default('all'),
  // Encrypts the EHR signing keys at rest; without it no EHR connection can be set up.
  EHR_KEY_SECRET: z.string().min(32, { message: 'Use at least 32 characters (e.g. `openssl rand -base64 32`)' }).optional(),
  // Without it there is no /metrics at all.
  METRICS_TOKEN: z.string().min(16, { message: 'Use at least 16 characters (e.g. `openssl rand -hex 32`)' }).optional(),
  // Backups the server makes of its embedded database (PostgreSQL: `carebeam backup`, pg_dump).
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_INTERVAL_HOURS: z.coerce.number().int().min(1).max(24 * 7).optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  CART_READINGS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  TEST_CLOCK_START: z.iso.datetime({ offset: true, message: 'Use an ISO 8601 instant such as 2026-11-30T22:30:00Z' }).optional(),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  /** Where `carebeam migrate` applies migrations: MIGRATION_DATABASE_URL, else the app's database. */
  migrationDatabase: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  /** Uploaded files: a directory (several instances must share it) or an S3-compatible bucket. */
  files: { kind: 'local'; directory: string } | ({ kind: 's3' } & S3StoreConfig);
  publicUrl: URL;
  /** Cookies carry `Secure` whenever the public address is not the local machine. */
  secureCookies: boolean;
  seedDemo: boolean;
  demoPassword: string;
  signInIdleMinutes: number;
  logLevel: string;
  /**
   * Proxies trusted to name the client in X-Forwarded-For (addresses or CIDR ranges); empty: the
   * peer's own address is the client's. Sign-in limits count per client address.
   */
  trustProxy: string[];
  /** Without SMTP_URL, email is only logged (recipient and subject). */
  mail: MailConfig;
  /** Without SMS credentials, SMS is only logged (recipient). */
  sms: SmsConfig;
  /** Tests only: the server's clock starts at this instant and runs on in real time. */
  testClockStart: Date | null;
  /** STUN/TURN for video calls; TURN credentials are minted per joiner from `turnSecret`. */
  ice: IceSettings;
  /** The secret that encrypts EHR signing keys at rest; null: EHR connections cannot be set up. */
  ehrKeySecret: string | null;
  /** Readings one cart may post a minute (per instance). */
  cartReadingsPerMinute: number;
  /** The bearer token of GET /metrics; null: no metrics endpoint. */
  metricsToken: string | null;
  /**
   * Backups the server writes of its embedded database: into `directory` (null: none), every
   * `intervalHours` (null: only when an administrator asks), keeping the newest `keep`.
   */
  backups: { directory: string | null; intervalHours: number | null; keep: number };
}

function isAddressOrRange(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
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
  // A clock set to another day would book, remind and expire sign-ins at the wrong times.
  const turnUrls = (e.ICE_SERVERS ?? []).filter((url) => url.startsWith('turn'));
  if (e.TURN_SECRET && turnUrls.length === 0) {
    throw new ConfigError('Invalid configuration:\n  TURN_SECRET: set ICE_SERVERS with at least one turn: or turns: URL, or unset it');
  }
  if (e.ICE_TRANSPORT_POLICY === 'relay' && !e.TURN_SECRET) {
    throw new ConfigError('Invalid configuration:\n  ICE_TRANSPORT_POLICY: relay needs a TURN server (ICE_SERVERS with turn: and TURN_SECRET)');
  }
  if (e.BACKUP_INTERVAL_HOURS && (!e.BACKUP_DIR || e.DATABASE_URL)) {
    throw new ConfigError(
      `Invalid configuration:\n  BACKUP_INTERVAL_HOURS: ${e.DATABASE_URL ? 'only for the embedded database; on PostgreSQL schedule `npm run carebeam -- backup --out <dir>` (e.g. cron)' : 'set BACKUP_DIR too'}`,
    );
  }
  if (e.TEST_CLOCK_START && !local) {
    throw new ConfigError('Invalid configuration:\n  TEST_CLOCK_START: only for tests; refused unless PUBLIC_URL is a loopback address');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
    migrationDatabase: e.MIGRATION_DATABASE_URL || e.DATABASE_URL ? { kind: 'postgres', url: (e.MIGRATION_DATABASE_URL ?? e.DATABASE_URL)! } : { kind: 'pglite', dataDir: e.DATA_DIR },
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
    signInIdleMinutes: e.SESSION_IDLE_MINUTES,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY ?? [],
    mail: e.SMTP_URL ? { kind: 'smtp', url: e.SMTP_URL, from: e.MAIL_FROM } : { kind: 'log', from: e.MAIL_FROM },
    sms:
      e.SMS_ACCOUNT_SID && e.SMS_AUTH_TOKEN && e.SMS_FROM
        ? { kind: 'http', baseUrl: e.SMS_API_URL, accountSid: e.SMS_ACCOUNT_SID, authToken: e.SMS_AUTH_TOKEN, from: e.SMS_FROM }
        : { kind: 'log' },
    testClockStart: e.TEST_CLOCK_START ? new Date(e.TEST_CLOCK_START) : null,
    ice: { urls: e.ICE_SERVERS ?? [], turnSecret: e.TURN_SECRET ?? null, transportPolicy: e.ICE_TRANSPORT_POLICY },
    ehrKeySecret: e.EHR_KEY_SECRET ?? null,
    cartReadingsPerMinute: e.CART_READINGS_PER_MINUTE,
    metricsToken: e.METRICS_TOKEN ?? null,
    backups: { directory: e.BACKUP_DIR ?? null, intervalHours: e.BACKUP_INTERVAL_HOURS ?? null, keep: e.BACKUP_KEEP },
  };
}
