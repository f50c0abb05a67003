import { buildApp } from './app';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { createOutboxWorker } from './jobs/outbox-worker';
import { keepStatisticsFresh } from './jobs/statistics';
import { redactUrl } from './http/redact';
import { localFileStore } from './storage/file-store';
import { s3FileStore } from './storage/s3-file-store';
import { addressOf } from './messaging/address';
import { createMailer } from './messaging/email';
import { createSmsSender } from './messaging/sms';
import { DEMO_USERS, hasDemoClinic, seedDemo } from './seed/demo';

// The process entry, and the only place that reads the environment.
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const database = await openDatabase(
    config.database.kind === 'postgres' ? config.database : { kind: 'pglite', dataDir: config.database.dataDir },
  );
  await migrateToLatest(database.db);
  if (config.seedDemo) await seedDemo(database.db, { password: config.demoPassword, clock: systemClock });

  const app = await buildApp({
    config,
    database,
    clock: systemClock,
    storage: config.files.kind === 's3' ? s3FileStore(config.files) : localFileStore(config.files.directory),
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      serializers: {
        req: (request: { method: string; url: string; ip?: string }) => ({ method: request.method, url: redactUrl(request.url), ip: request.ip }),
      },
    },
  });
  await app.listen({ port: config.port, host: config.host });
  const stopStatistics = keepStatisticsFresh(database, (error) => app.log.error({ err: error }, 'ANALYZE failed'));
  const mailer = createMailer(config.mail, (entry) => app.log.info(entry, 'email recorded by the log transport'));
  const sms = createSmsSender(config.sms, (entry) => app.log.info(entry, 'SMS recorded by the log transport'));
  const outbox = createOutboxWorker({
    db: database.db,
    clock: systemClock,
    mailer,
    sms,
    publicUrl: config.publicUrl,
    organizerEmail: addressOf(config.mail.from),
    onError: (error) => app.log.error({ err: error }, 'outbox delivery failed'),
  });
  outbox.start();

  const where = config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  const lines = [`Carebeam is running at ${config.publicUrl.origin} (${where})`];
  if (config.seedDemo && (await hasDemoClinic(database.db))) {
    lines.push('Demo sign-ins (password: DEMO_PASSWORD, default "carebeam-demo"):');
    for (const user of DEMO_USERS) lines.push(`  ${user.email.padEnd(32)} ${user.roles.join(', ')}`);
  }
  console.log(`\n${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    stopStatistics();
    await outbox.stop();
    await app.close();
    await mailer.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
