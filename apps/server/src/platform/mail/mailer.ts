import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import { mailOutbox } from './mail.schema.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What the mail is for (magic_link, invitation, ...); lets tests and the dev mailbox filter. */
  kind: string;
}

export type RecordedMail = typeof mailOutbox.$inferSelect;

/**
 * Records every mail in the outbox, then sends it over SMTP when SMTP_URL is set. Without SMTP the outbox
 * is the mailbox: the development server shows it and tests read it.
 */
export class Mailer {
  /** Made on the first mail to deliver: nodemailer is loaded only by a server that has SMTP to talk to. */
  private transport: Promise<Transporter> | undefined;

  private readonly db: Db;
  private readonly logger: Logger;
  private readonly options: { smtpUrl: string | undefined; from: string };

  constructor(db: Db, logger: Logger, options: { smtpUrl: string | undefined; from: string }) {
    this.db = db;
    this.logger = logger;
    this.options = options;
  }

  get delivers(): boolean {
    return Boolean(this.options.smtpUrl);
  }

  async send(mail: OutgoingMail): Promise<void> {
    const id = randomUUID();
    const to = mail.to.toLowerCase();
    await this.db.insert(mailOutbox).values({
      id,
      toAddress: to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html ?? null,
      kind: mail.kind,
      status: 'recorded',
    });
    const smtpUrl = this.options.smtpUrl;
    if (!smtpUrl) return;
    try {
      this.transport ??= import('nodemailer').then((nodemailer) => nodemailer.createTransport(smtpUrl));
      await (
        await this.transport
      ).sendMail({
        from: this.options.from,
        to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      await this.db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: new Date() })
        .where(eq(mailOutbox.id, id));
    } catch (error) {
      this.logger.error({ err: error, mail: id, kind: mail.kind }, 'mail delivery failed');
      await this.db
        .update(mailOutbox)
        .set({ status: 'failed', error: String(error) })
        .where(eq(mailOutbox.id, id));
      throw error;
    }
  }

  /** Newest first; optionally only one recipient's mail and one kind. */
  async list(filter: { to?: string; kind?: string; limit?: number } = {}): Promise<RecordedMail[]> {
    const conditions = [];
    if (filter.to) conditions.push(eq(mailOutbox.toAddress, filter.to.toLowerCase()));
    if (filter.kind) conditions.push(eq(mailOutbox.kind, filter.kind));
    return this.db
      .select()
      .from(mailOutbox)
      .where(and(...conditions))
      .orderBy(desc(mailOutbox.createdAt))
      .limit(filter.limit ?? 50);
  }
}
