import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRepo, createSecretBox } from '@csphub/db';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createNotifier, createOutboxTransport, SECRET_MASK } from '../src/index';

const fields = {
  recipientName: 'Ana',
  companyName: 'Contoso',
  domain: 'contoso.onmicrosoft.com',
  adminSignInName: 'admin@contoso.onmicrosoft.com',
  temporaryPassword: 'One-Time-Pa55!',
  signInUrl: 'https://portal.office.com',
};

describe(`local outbox (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('stores the welcome message without the password in clear, and reveals the password exactly once', async () => {
    const box = createSecretBox(Buffer.alloc(32, 7).toString('base64'));
    const repo = createOutboxRepo(t.db, box);
    const notifier = createNotifier({ transport: createOutboxTransport(repo), from: 'CSP Hub <no-reply@csphub.local>' });
    const sent = await notifier.send({ template: 'welcome', language: 'en', to: ['it@contoso.example'], fields, dedupeKey: 'run-7:welcome', subjectId: 'acc-7' });
    expect(sent.id).toMatch(/^outbox:\d+$/);

    const [stored] = await repo.list({ subjectId: 'acc-7' });
    expect(stored!.subject).toBe('Your Microsoft tenant contoso.onmicrosoft.com is ready');
    expect(stored!.text).toContain(`One-time password: ${SECRET_MASK}`);
    expect(stored!.hasSecret).toBe(true);
    // Nothing in the stored row, ciphertext included, contains the password.
    const raw = JSON.stringify(await t.db.execute('select * from outbox_messages'));
    expect(raw).not.toContain('One-Time-Pa55!');

    expect(await repo.revealSecrets(stored!.id)).toEqual({ temporaryPassword: 'One-Time-Pa55!' });
    expect(await repo.revealSecrets(stored!.id)).toBeUndefined();
    const after = await repo.get(stored!.id);
    expect(after!.hasSecret).toBe(false);
    expect(after!.secretRevealedAt).toBeInstanceOf(Date);
  });

  it('stores one message when the same delivery is retried (same key)', async () => {
    const repo = createOutboxRepo(t.db, createSecretBox(Buffer.alloc(32, 7).toString('base64')));
    const notifier = createNotifier({ transport: createOutboxTransport(repo), from: 'x@csphub.local' });
    const a = await notifier.send({ template: 'welcome', language: 'en', to: ['a@contoso.example'], fields, dedupeKey: 'run-8:welcome', subjectId: 'acc-8' });
    const b = await notifier.send({ template: 'welcome', language: 'en', to: ['a@contoso.example'], fields, dedupeKey: 'run-8:welcome', subjectId: 'acc-8' });
    expect(b.id).toBe(a.id);
    expect(await repo.list({ subjectId: 'acc-8' })).toHaveLength(1);
  });
});
