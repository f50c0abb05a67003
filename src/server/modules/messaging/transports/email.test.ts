import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailer } from './email';
import { expectDeliveryError } from '../../../testing/delivery-error';
import type { EmailMessage, Mailer } from './types';

const FROM = 'Clinic <no-reply@clinic.test>';
const servers: SMTPServer[] = [];
const mailers: Mailer[] = [];

afterAll(async () => {
  await Promise.all(mailers.map((mailer) => mailer.close()));
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

async function startSmtp(handlers: Pick<SMTPServerOptions, 'onRcptTo' | 'onData'>): Promise<number> {
  const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, ...handlers });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return (server.server.address() as AddressInfo).port;
}

function mailerFor(port: number): Mailer {
  const mailer = createMailer({ kind: 'smtp', url: `smtp://127.0.0.1:${port}`, from: FROM });
  mailers.push(mailer);
  return mailer;
}

/** A rejection as smtp-server sends it: the error's responseCode becomes the reply code. */
const reply = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Carebeam//Test//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:session-42@clinic.test',
  'DTSTAMP:20300101T120000Z',
  'DTSTART:20300115T143000Z',
  'DTEND:20300115T150000Z',
  'SUMMARY:Video visit',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const message: EmailMessage = {
  to: 'pat@example.test',
  subject: 'Your video visit on 15 January',
  text: 'Join here: https://clinic.test/j/abc',
  html: '<p>Join <a href="https://clinic.test/j/abc">here</a></p>',
  attachments: [{ filename: 'invite.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: ICS }],
};

describe('createMailer: smtp', () => {
  it('delivers from, to, subject, both bodies and the calendar invite intact', async () => {
    const received: Buffer[] = [];
    const envelopes: string[] = [];
    const port = await startSmtp({
      onData(stream, session, callback) {
        envelopes.push(...session.envelope.rcptTo.map((rcpt) => rcpt.address));
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          callback();
        });
      },
    });

    const delivery = await mailerFor(port).send(message);

    expect(delivery.transport).toBe('smtp');
    expect(delivery.providerId).toMatch(/^<.+@.+>$/);
    expect(envelopes).toEqual(['pat@example.test']);
    expect(received).toHaveLength(1);
    const parsed = await simpleParser(received[0]!);
    expect(parsed.messageId).toBe(delivery.providerId);
    expect(parsed.from?.value).toEqual([{ name: 'Clinic', address: 'no-reply@clinic.test' }]);
    expect(parsed.to).toMatchObject({ value: [{ address: 'pat@example.test' }] });
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text?.trim()).toBe(message.text);
    expect(parsed.html).toBe(message.html);

    expect(parsed.attachments).toHaveLength(1);
    const invite = parsed.attachments[0]!;
    expect(invite.filename).toBe('invite.ics');
    expect(invite.contentType).toBe('text/calendar');
    expect(invite.headers.get('content-type')).toMatchObject({ params: { charset: 'utf-8', method: 'REQUEST' } });
    const ics = invite.content.toString('utf8');
    expect(ics).toBe(ICS);
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent');
    const start = event?.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.toJSDate().toISOString()).toBe('2030-01-15T14:30:00.000Z');
  });

  it('treats a 550 mailbox unavailable as final', async () => {
    const port = await startSmtp({ onRcptTo: (_address, _session, callback) => callback(reply(550, 'Mailbox unavailable')) });
    const error = await expectDeliveryError(mailerFor(port).send(message), false);
    expect(error.message).toContain('550');
  });

  it('retries a 451 temporary failure', async () => {
    const port = await startSmtp({ onRcptTo: (_address, _session, callback) => callback(reply(451, 'Try again later')) });
    const error = await expectDeliveryError(mailerFor(port).send(message), true);
    expect(error.message).toContain('451');
  });

  it('retries when nothing listens on the port', async () => {
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));

    await expectDeliveryError(mailerFor(port).send(message), true);
  });
});

describe('createMailer: log', () => {
  it('records that a message went, never its recipient, subject or body, and sends nothing', async () => {
    const entries: object[] = [];
    const mailer = createMailer({ kind: 'log', from: FROM }, (entry) => entries.push(entry));

    expect(mailer.transport).toBe('log');
    await expect(mailer.send(message)).resolves.toEqual({ transport: 'log', providerId: null });
    expect(entries).toEqual([{ transport: 'log', kind: 'email', attachments: message.attachments.length }]);
    expect(JSON.stringify(entries)).not.toContain('clinic.test/j/abc');
    await mailer.close();
  });
});
