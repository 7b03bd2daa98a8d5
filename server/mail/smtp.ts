import nodemailer from 'nodemailer';
import type { MailConfig } from './mail-config.js';
import type { MailTransport } from './outbox.js';

/**
 * The outbox's transport over SMTP with nodemailer: plain-text and HTML bodies, the sender from
 * MAIL_FROM, and the outbox row's stable Message-ID. Each send opens its own connection, so a
 * server that was down is simply tried again next time.
 */
export function smtpTransport(config: MailConfig): MailTransport & { close(): void } {
  const transporter = nodemailer.createTransport(config.url, { from: config.from });
  return {
    async send(mail) {
      await transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      });
    },
    close: () => transporter.close(),
  };
}
