import type { Mailer } from '@sopline/domain';
import nodemailer from 'nodemailer';

/**
 * E-mail through the SMTP server SMTP_URL names (smtp://user:pass@host:587 with STARTTLS when the
 * server offers it, or smtps://… for TLS from the start). From SMTP_FROM, else no-reply at that host.
 */
export function smtpMailer(url: string, from?: string): Mailer {
  const transport = nodemailer.createTransport(url);
  const sender = from ?? `Sopline <no-reply@${new URL(url).hostname}>`;
  return {
    async send(mail) {
      await transport.sendMail({ from: sender, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
