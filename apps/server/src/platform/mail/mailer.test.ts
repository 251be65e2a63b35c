import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmtp, type FakeSmtpServer } from '../../../test/fakes/smtp-server.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { Database } from '../db/database.ts';
import { Mailer } from './mailer.ts';

const logger = pino({ level: 'silent' });
let database: Database;
let smtp: FakeSmtpServer;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startFakeSmtp();
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});

describe('the mailer', () => {
  it('delivers over SMTP when SMTP_URL is set, and marks the mail sent', async () => {
    const mailer = new Mailer(database.db, logger, {
      smtpUrl: smtp.url,
      from: 'Agency OS <os@agency.example>',
    });
    expect(mailer.delivers).toBe(true);
    await mailer.send({
      to: 'Ava@Northwind.example',
      subject: 'Your link',
      text: 'Open it.',
      kind: 'magic_link',
    });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.from).toBe('os@agency.example');
    expect(smtp.received[0]!.to).toEqual(['ava@northwind.example']);
    expect(smtp.received[0]!.data).toContain('Subject: Your link');
    const [recorded] = await mailer.list({ to: 'ava@northwind.example', kind: 'magic_link' });
    expect(recorded).toMatchObject({ status: 'sent', subject: 'Your link' });
  });

  it('without SMTP keeps the mail in the outbox only', async () => {
    const mailer = new Mailer(database.db, logger, { smtpUrl: undefined, from: 'os@agency.example' });
    expect(mailer.delivers).toBe(false);
    await mailer.send({ to: 'ben@northwind.example', subject: 'Invited', text: 'Join.', kind: 'invitation' });
    const [recorded] = await mailer.list({ to: 'ben@northwind.example' });
    expect(recorded).toMatchObject({ status: 'recorded', subject: 'Invited' });
  });
});
