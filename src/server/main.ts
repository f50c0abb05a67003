import { buildApp, EHR_TIMEOUT_MS } from './app';
import { serverBackups } from './backup/directory';
import { keepBackingUp } from './jobs/backup-job';
import { offsetClock, systemClock } from './clock';
import { type Config, ConfigError, loadConfig } from './config';
import { type DatabaseHandle, openDatabase } from './db/connect';
import { DataDirectoryLockedError } from './db/data-dir-lock';
import { migrateAndGrant } from './db/migrate';
import { appRoleOf } from './db/privileges';
import { createEhrWorker } from './jobs/ehr-worker';
import { createOutboxWorker } from './jobs/outbox-worker';
import { keepSessionsMovingOn } from './jobs/lifecycle-job';
import { keepStatisticsFresh } from './jobs/statistics';
import { loggerOptions } from './http/logging';
import { localFileStore } from './storage/file-store';
import { s3FileStore } from './storage/s3-file-store';
import { createDocumentCompletion } from './modules/documents';
import { createEhrExports, createEhrGateway } from './modules/ehr';
import { addressOf, createMailer, createSmsSender } from './modules/messaging';
import { issueSetupLink } from './modules/setup';
import { DEMO_USERS, hasDemoClinic, seedDemo } from './seed/demo';

/**
 * Migrations run as the owner role: MIGRATION_DATABASE_URL when it is another URL (a connection of
 * its own, closed at once), else the app's own connection. The app's role then gets its grants.
 */
async function migrateAtStart(config: Config, database: DatabaseHandle): Promise<void> {
  const target = config.migrationDatabase;
  const separate = target.kind === 'postgres' && config.database.kind === 'postgres' && target.url !== config.database.url;
  const owner = separate ? await openDatabase(target) : database;
  try {
    await migrateAndGrant(owner.db, appRoleOf(config.database));
  } finally {
    if (separate) await owner.close();
  }
}

// The process entry, and the only place that reads the environment.
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const clock = config.testClockStart ? offsetClock(config.testClockStart) : systemClock;
  if (config.testClockStart) {
    console.warn(`Warning: TEST_CLOCK_START is set: the clock started at ${config.testClockStart.toISOString()} and runs on from there. For tests only.`);
  }
  // A connection the server ended is reported by code only (never a query or its values); the app's
  // logger takes over once it exists.
  let connectionLost = (code: string | undefined) => console.warn(`Database connection lost (${code ?? 'no code'}); the pool opens a new one.`);
  const database = await openDatabase(
    config.database.kind === 'postgres' ? config.database : { kind: 'pglite', dataDir: config.database.dataDir },
    { onConnectionError: (error) => connectionLost((error as { code?: string }).code) },
  );
  await migrateAtStart(config, database);
  if (config.seedDemo) await seedDemo(database.db, { password: config.demoPassword, clock });
  // No demo and no organization yet: a one-time link to set up the first one (printed below).
  const setupLink = config.seedDemo ? null : await issueSetupLink(database.db, clock, config.publicUrl);

  const storage = config.files.kind === 's3' ? s3FileStore(config.files) : localFileStore(config.files.directory);
  const backups = serverBackups(config, database, clock);
  const app = await buildApp({
    config,
    database,
    clock,
    storage,
    backups,
    logger: loggerOptions(config.logLevel),
  });
  connectionLost = (code) => app.log.warn({ code }, 'database connection lost; the pool opens a new one');
  const mailer = createMailer(config.mail, (entry) => app.log.info(entry, 'email recorded by the log transport'));
  const sms = createSmsSender(config.sms, (entry) => app.log.info(entry, 'SMS recorded by the log transport'));
  const outbox = createOutboxWorker({
    db: database.db,
    clock,
    storage,
    mailer,
    sms,
    publicUrl: config.publicUrl,
    organizerEmail: addressOf(config.mail.from),
    onError: (error) => app.log.error({ err: error }, 'outbox delivery failed'),
  });
  const ehrGateway = createEhrGateway({ db: database.db, clock, keySecret: config.ehrKeySecret, timeoutMs: EHR_TIMEOUT_MS });
  const ehr = createEhrWorker({
    db: database.db,
    clock,
    exports: createEhrExports({ db: database.db, clock, storage, gateway: ehrGateway, signedDocuments: createDocumentCompletion({ db: database.db, clock, storage }).signedDocuments }),
    onError: (error) => app.log.error({ err: error }, 'EHR send failed'),
  });

  // Before listening: a SIGTERM from the moment a request can arrive must drain, not kill.
  let stopping = false;
  let stopTimers = () => {};
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    stopTimers();
    // The port closes at once, so new connections go to another instance, while the requests in
    // flight and the workers' passes finish; the database closes after them all.
    await Promise.all([app.close(), outbox.stop(), ehr.stop()]);
    await mailer.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  if (stopping) return;
  const stopStatistics = keepStatisticsFresh(database, (error) => app.log.error({ err: error }, 'ANALYZE failed'));
  const stopBackups =
    backups && config.backups.intervalHours
      ? keepBackingUp({
          backups,
          intervalHours: config.backups.intervalHours,
          onDone: (backup) => app.log.info({ backup: backup.name, bytes: backup.bytes }, 'backup written'),
          onError: (error) => app.log.error({ err: error }, 'backup failed'),
        })
      : () => undefined;
  const stopLifecycle = keepSessionsMovingOn({ db: database.db, clock, onError: (error) => app.log.error({ err: error }, 'completing overdue sessions failed') });
  stopTimers = () => {
    stopStatistics();
    stopBackups();
    stopLifecycle();
  };
  outbox.start();
  ehr.start();

  const where = config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  const lines = [`Carebeam is running at ${config.publicUrl.origin} (${where})`];
  if (config.seedDemo && (await hasDemoClinic(database.db))) {
    lines.push('Demo sign-ins (password: DEMO_PASSWORD, default "carebeam-demo"):');
    for (const user of DEMO_USERS) lines.push(`  ${user.email.padEnd(32)} ${user.roles.join(', ')}`);
  }
  if (setupLink) {
    lines.push('No organization yet. Set up the first one and its administrator with this one-time link (24 hours):');
    lines.push(`  ${setupLink}`);
  }
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  // Both say what to do; a stack would only bury it.
  if (error instanceof ConfigError || error instanceof DataDirectoryLockedError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
