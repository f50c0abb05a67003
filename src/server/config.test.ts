import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000 with the demo seeded', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      database: { kind: 'pglite', dataDir: './data' },
      seedDemo: true,
      demoPassword: 'carebeam-demo',
      signInIdleMinutes: 30,
      secureCookies: false,
    });
    expect(config.publicUrl.origin).toBe('http://localhost:3000');
  });

  it('switches to PostgreSQL with DATABASE_URL and then seeds only when asked', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db.internal/carebeam' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://db.internal/carebeam' });
    expect(config.seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('names every bad variable in one error', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', SESSION_IDLE_MINUTES: '0', SEED_DEMO: 'maybe', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'SESSION_IDLE_MINUTES', 'SEED_DEMO', 'DATABASE_URL']) expect(message).toContain(name);
    }
  });

  it('takes the EHR key secret only when long enough, and the readings a cart may post a minute', () => {
    expect(loadConfig({}).ehrKeySecret).toBeNull();
    expect(() => loadConfig({ EHR_KEY_SECRET: 'short' })).toThrow(/EHR_KEY_SECRET: Use at least 32 characters/);
    expect(loadConfig({ EHR_KEY_SECRET: 'k'.repeat(32) }).ehrKeySecret).toBe('k'.repeat(32));
    expect(loadConfig({}).cartReadingsPerMinute).toBe(120);
    expect(loadConfig({ CART_READINGS_PER_MINUTE: '600' }).cartReadingsPerMinute).toBe(600);
    expect(() => loadConfig({ CART_READINGS_PER_MINUTE: '0' })).toThrow(/CART_READINGS_PER_MINUTE/);
  });

  it('requires https for a public address beyond localhost, and then marks cookies Secure', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'http://clinic.example.org' })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ PUBLIC_URL: 'https://clinic.example.org' }).secureCookies).toBe(true);
  });

  it('logs email and SMS unless SMTP and SMS credentials are set', () => {
    expect(loadConfig({})).toMatchObject({ mail: { kind: 'log', from: 'Carebeam <no-reply@localhost>' }, sms: { kind: 'log' } });
  });

  it('sends email over SMTP when SMTP_URL is set', () => {
    const config = loadConfig({ SMTP_URL: 'smtps://user:pass@mail.example.org:465', MAIL_FROM: 'Harbor Clinic <care@harbor.example>' });
    expect(config.mail).toEqual({ kind: 'smtp', url: 'smtps://user:pass@mail.example.org:465', from: 'Harbor Clinic <care@harbor.example>' });
    expect(loadConfig({ MAIL_FROM: 'care@harbor.example' }).mail).toEqual({ kind: 'log', from: 'care@harbor.example' });
  });

  it('rejects a non-SMTP URL and an implausible sender, without echoing the URL', () => {
    for (const url of ['http://mail.example.org', 'smtp://', 'mail.example.org']) {
      expect(() => loadConfig({ SMTP_URL: url })).toThrow(/SMTP_URL/);
    }
    expect(() => loadConfig({ SMTP_URL: 'ftp://user:hunter2@mail.example.org' })).toThrow(/^(?![\s\S]*hunter2)[\s\S]*SMTP_URL/);
    for (const from of ['Carebeam', 'Carebeam <no-reply>', 'a@b\r\nBcc: x@y', 'Name <a@b', 'a b@c']) {
      expect(() => loadConfig({ MAIL_FROM: from }), from).toThrow(/MAIL_FROM/);
    }
  });

  it('sends SMS over HTTP when SID, token and sender are all set', () => {
    const sms = { SMS_ACCOUNT_SID: 'AC123', SMS_AUTH_TOKEN: 'token', SMS_FROM: '+15005550006' };
    expect(loadConfig(sms).sms).toEqual({ kind: 'http', baseUrl: 'https://api.twilio.com', accountSid: 'AC123', authToken: 'token', from: '+15005550006' });
    expect(loadConfig({ ...sms, SMS_API_URL: 'http://localhost:4010' }).sms).toMatchObject({ baseUrl: 'http://localhost:4010' });
  });

  it('names the SMS settings missing from a partial set, and checks the number and API URL', () => {
    expect(() => loadConfig({ SMS_ACCOUNT_SID: 'AC123' })).toThrow(/SMS_AUTH_TOKEN, SMS_FROM: set together with SMS_ACCOUNT_SID/);
    expect(() => loadConfig({ SMS_ACCOUNT_SID: 'AC123', SMS_FROM: '+15005550006' })).toThrow(/SMS_AUTH_TOKEN:/);
    const sms = { SMS_ACCOUNT_SID: 'AC123', SMS_AUTH_TOKEN: 'token', SMS_FROM: '+15005550006' };
    expect(() => loadConfig({ ...sms, SMS_FROM: '212-555-0100' })).toThrow(/SMS_FROM: Use an E\.164/);
    expect(() => loadConfig({ ...sms, SMS_API_URL: 'http://sms.example.org' })).toThrow(/SMS_API_URL/);
  });

  it('keeps files in FILES_DIR, or in an S3-compatible bucket when bucket and keys are set', () => {
    expect(loadConfig({}).files).toEqual({ kind: 'local', directory: './data/files' });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/carebeam' }).files).toEqual({ kind: 'local', directory: './files' });
    expect(loadConfig({ FILES_DIR: '/srv/files' }).files).toEqual({ kind: 'local', directory: '/srv/files' });
    const s3 = { S3_BUCKET: 'clinic-files', S3_ACCESS_KEY_ID: 'AKIA1', S3_SECRET_ACCESS_KEY: 'secret' };
    expect(loadConfig({ ...s3, S3_REGION: 'eu-central-1' }).files).toEqual({
      kind: 's3',
      endpoint: new URL('https://s3.eu-central-1.amazonaws.com'),
      region: 'eu-central-1',
      bucket: 'clinic-files',
      accessKeyId: 'AKIA1',
      secretAccessKey: 'secret',
    });
    expect(loadConfig({ ...s3, S3_ENDPOINT: 'http://127.0.0.1:9000' }).files).toMatchObject({ endpoint: new URL('http://127.0.0.1:9000'), region: 'us-east-1' });
  });

  it('names the S3 settings missing from a partial set, and checks the endpoint and bucket', () => {
    expect(() => loadConfig({ S3_BUCKET: 'clinic-files' })).toThrow(/S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set together with S3_BUCKET \(or unset all to keep files in FILES_DIR\)/);
    const s3 = { S3_BUCKET: 'clinic-files', S3_ACCESS_KEY_ID: 'AKIA1', S3_SECRET_ACCESS_KEY: 'secret' };
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'http://minio.internal:9000' })).toThrow(/S3_ENDPOINT: Use an https:\/\/ URL/);
    expect(() => loadConfig({ ...s3, S3_BUCKET: 'Clinic_Files' })).toThrow(/S3_BUCKET: Use a bucket name/);
  });

  it('takes a test clock start only with a loopback public address, and names the variable when it is bad', () => {
    expect(loadConfig({}).testClockStart).toBeNull();
    expect(loadConfig({ TEST_CLOCK_START: '2026-11-30T22:30:00Z' }).testClockStart).toEqual(new Date('2026-11-30T22:30:00Z'));
    expect(loadConfig({ TEST_CLOCK_START: '2027-03-13T23:30:00-05:00', PUBLIC_URL: 'http://127.0.0.1:3310' }).testClockStart).toEqual(new Date('2027-03-14T04:30:00Z'));
    expect(() => loadConfig({ TEST_CLOCK_START: '2026-11-30T22:30:00Z', PUBLIC_URL: 'https://clinic.example.org' })).toThrow(
      /TEST_CLOCK_START: only for tests; refused unless PUBLIC_URL is a loopback address/,
    );
    for (const value of ['2026-11-30', 'tomorrow', '2026-11-30 22:30']) {
      expect(() => loadConfig({ TEST_CLOCK_START: value }), value).toThrow(/TEST_CLOCK_START: Use an ISO 8601 instant/);
    }
  });

  it('reports a partial SMS set together with other bad variables', () => {
    expect(() => loadConfig({ PORT: 'eighty', SMS_AUTH_TOKEN: 'token' })).toThrow(/PORT[\s\S]*SMS_ACCOUNT_SID, SMS_FROM/);
  });
  it('migrates through MIGRATION_DATABASE_URL when set, else the app database or the embedded directory', () => {
    expect(loadConfig({ DATA_DIR: '/var/lib/carebeam' }).migrationDatabase).toEqual({ kind: 'pglite', dataDir: '/var/lib/carebeam' });
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/carebeam' }).migrationDatabase).toEqual({ kind: 'postgres', url: 'postgres://app@db/carebeam' });
    const both = loadConfig({ DATABASE_URL: 'postgres://app@db/carebeam', MIGRATION_DATABASE_URL: 'postgres://owner@db/carebeam' });
    expect(both.migrationDatabase).toEqual({ kind: 'postgres', url: 'postgres://owner@db/carebeam' });
    expect(both.database).toEqual({ kind: 'postgres', url: 'postgres://app@db/carebeam' });
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'mysql://x' })).toThrow(/MIGRATION_DATABASE_URL/);
  });

  it('backs up into BACKUP_DIR on a schedule only for the embedded database, keeping 14 unless told', () => {
    expect(loadConfig({}).backups).toEqual({ directory: null, intervalHours: null, keep: 14 });
    expect(loadConfig({ BACKUP_DIR: '/backups', BACKUP_INTERVAL_HOURS: '24', BACKUP_KEEP: '7' }).backups).toEqual({ directory: '/backups', intervalHours: 24, keep: 7 });
    expect(() => loadConfig({ BACKUP_INTERVAL_HOURS: '24' })).toThrow(/BACKUP_INTERVAL_HOURS: set BACKUP_DIR too/);
    expect(() => loadConfig({ BACKUP_DIR: '/b', BACKUP_INTERVAL_HOURS: '24', DATABASE_URL: 'postgres://x/y' })).toThrow(/on PostgreSQL schedule `npm run carebeam -- backup/);
    expect(() => loadConfig({ BACKUP_DIR: '/b', BACKUP_INTERVAL_HOURS: '0', BACKUP_KEEP: 'all' })).toThrow(/BACKUP_INTERVAL_HOURS[\s\S]*BACKUP_KEEP/);
  });

  it('has no metrics token unless METRICS_TOKEN is set, and refuses a short one', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-metrics-token' }).metricsToken).toBe('a-long-enough-metrics-token');
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});
