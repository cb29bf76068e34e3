import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { newId } from '../crud/ids.js';
import type { Db } from '../db/client.js';
import { mailOutbox } from './schema.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** SMTP through nodemailer when SMTP_URL is set. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

/** No mail server: the message goes to the mail_outbox table and a log line, so development works. */
export function outboxMailer(db: Db, logger: Logger, revealInLog: boolean): Mailer {
  return {
    async send(mail) {
      const id = newId('mail');
      await db.insert(mailOutbox).values({ id, to: mail.to, subject: mail.subject, body: mail.text });
      logger.info(
        { mailId: id, to: mail.to, subject: mail.subject, ...(revealInLog ? { text: mail.text } : {}) },
        'mail written to outbox',
      );
    },
  };
}

export function createMailer(env: Env, db: Db, logger: Logger): Mailer {
  return env.SMTP_URL
    ? smtpMailer(env.SMTP_URL, env.MAIL_FROM)
    : outboxMailer(db, logger, env.NODE_ENV === 'development');
}
