import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSmtpCapture, type SmtpCapture } from '../src/server/testing/smtp-capture';

/** A real SMTP server on loopback whose every message the browser tests read from a file in `dir`. */
export async function captureMailInto(dir: string): Promise<SmtpCapture> {
  mkdirSync(dir, { recursive: true });
  let received = 0;
  return startSmtpCapture((mail) => {
    const to = mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : [];
    writeFileSync(join(dir, `${String(++received).padStart(5, '0')}.json`), JSON.stringify({ to, subject: mail.subject, text: mail.text, html: mail.html }));
  });
}

// `tsx scripts/mail-capture.ts <dir> <command…>`: runs the command with its own capture (E2E_SMTP_URL,
// E2E_MAIL_DIR). The video tests use it inside their network namespace, where the outer
// capture's loopback cannot be reached.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, command, ...args] = process.argv.slice(2);
  if (!dir || !command) throw new Error('usage: tsx scripts/mail-capture.ts <dir> <command> [args…]');
  const smtp = await captureMailInto(dir);
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, E2E_SMTP_URL: smtp.url, E2E_MAIL_DIR: dir } });
  const code = await new Promise<number>((resolve) => child.on('exit', (status) => resolve(status ?? 1)));
  await smtp.close();
  process.exit(code);
}
