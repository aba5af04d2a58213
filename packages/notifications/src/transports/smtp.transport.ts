import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { MailTransport } from './mail-transport';

/**
 * Delivers through an SMTP server (SMTP_URL, e.g. `smtp://user:pass@mail.example.com:587`). The
 * full message, secrets included, goes to the server; nothing is kept here. `ignoreTLS` is for a
 * loopback sink in tests and local development.
 */
export function createSmtpTransport(opts: { url: string; ignoreTLS?: boolean }): MailTransport & { close(): void } {
  const options: SMTPTransport.Options & { url: string } = { url: opts.url, ignoreTLS: opts.ignoreTLS ?? false };
  const transporter = nodemailer.createTransport(options);
  return {
    kind: 'smtp',
    async deliver(m) {
      const info = await transporter.sendMail({
        from: m.from,
        to: m.to,
        cc: m.cc && m.cc.length > 0 ? m.cc : undefined,
        subject: m.rendered.subject,
        text: m.rendered.text,
        html: m.rendered.html,
        // Lets a receiving system (and our tests) spot a duplicate delivery of the same message.
        headers: { 'X-CSPHub-Message-Key': m.dedupeKey },
      });
      return { id: String(info.messageId) };
    },
    close: () => transporter.close(),
  };
}
