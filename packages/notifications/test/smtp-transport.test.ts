import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createNotifier, createSmtpTransport } from '../src/index';

/** A local SMTP sink on a free port: what a real mail server would receive. */
describe('SMTP transport (nodemailer to a local smtp-server sink)', () => {
  const received: ParsedMail[] = [];
  let server: SMTPServer;
  let url = '';
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('delivers the welcome message with the password to the recipient, in the account language', async () => {
    const transport = createSmtpTransport({ url, ignoreTLS: true });
    const notifier = createNotifier({ transport, from: 'CSP Hub <no-reply@csphub.local>' });
    await notifier.send({
      template: 'welcome',
      language: 'es',
      to: ['it@contoso.example'],
      cc: ['reseller@wingtip.example'],
      dedupeKey: 'run-1:welcome',
      fields: {
        recipientName: 'Ana',
        companyName: 'Contoso',
        domain: 'contoso.onmicrosoft.com',
        adminSignInName: 'admin@contoso.onmicrosoft.com',
        temporaryPassword: 'Pa55<word>',
        signInUrl: 'https://portal.office.com',
      },
    });
    transport.close();
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.subject).toBe('Su tenant de Microsoft contoso.onmicrosoft.com está listo');
    expect(mail.text).toContain('Contraseña de un solo uso: Pa55<word>');
    expect(mail.html).toContain('Pa55&lt;word&gt;');
    expect((mail.to as { text: string }).text).toBe('it@contoso.example');
    expect((mail.cc as { text: string }).text).toBe('reseller@wingtip.example');
    expect(mail.headers.get('x-csphub-message-key')).toBe('run-1:welcome');
  });

  it('surfaces a refused connection as an error (the workflow step then retries)', async () => {
    const transport = createSmtpTransport({ url: 'smtp://127.0.0.1:1', ignoreTLS: true });
    const notifier = createNotifier({ transport, from: 'x@csphub.local' });
    await expect(
      notifier.send({ template: 'customer-authorization-request', language: 'en', to: ['a@b.example'], dedupeKey: 'k', fields: { customerName: 'C', partnerName: 'P', invitationUrl: 'https://x' } }),
    ).rejects.toThrow(/ECONNREFUSED|connect/i);
    transport.close();
  });
});
