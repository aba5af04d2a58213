import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRepo, createSecretBox } from '@csphub/db';
import { welcomeTemplate } from '@csphub/notifications';
import { createTestApp, type TestApp } from '../test-app';
import { call, callersOf, json, seedWorld, type World } from '../channel-world';
import { notifierFor } from '../../src/app/composition';
import type { Caller } from '../channel-world';
import type { Role } from '@csphub/domain';

const SPANISH = {
  subject: 'Bienvenido a {{companyName}}: {{domain}}',
  paragraphs: ['Hola {{recipientName}}:', 'Usuario: {{adminSignInName}}\nClave: {{temporaryPassword}}', 'Entre en {{signInUrl}}. <b>Gracias</b>'],
};

const welcomeFields = { recipientName: 'Ana', companyName: 'Uno', domain: 'uno.onmicrosoft.com', adminSignInName: 'admin@uno.onmicrosoft.com', temporaryPassword: 'S3cret-pw', signInUrl: 'https://portal.office.com' };

/**
 * The notification template editor (F1): a distributor's own wording per language with safe merge
 * fields, used by the messages of its subtree; preview, test send, reset to default; every change
 * audited; resellers edit only when the distributor allows it, and their wording reaches only their
 * own customers.
 */
describe('notification templates', () => {
  let t: TestApp;
  let world: World;
  let callers: Record<Role, Caller>;
  const base = (companyId: number) => `/api/v1/companies/${companyId}/notification-templates`;
  const send = (companyId: number, language: string, dedupe: string) =>
    notifierFor({ db: t.database.db, box: createSecretBox(t.secretKey) }, t.config.mail).send({ template: 'welcome', language, to: ['ana@uno.example'], fields: welcomeFields, dedupeKey: dedupe, subjectId: String(companyId) });
  const outbox = () => createOutboxRepo(t.database.db, createSecretBox(t.secretKey));

  beforeAll(async () => {
    t = await createTestApp();
    world = await seedWorld(t);
    callers = await callersOf(t, world);
  }, 120_000);
  afterAll(async () => t?.dispose());

  it("saves the distributor's Spanish welcome, which the subtree's Spanish messages then use (English unchanged), audited", async () => {
    const res = await call(t, callers.distributor_admin, 'PUT', `${base(world.d.id)}/welcome/es`, SPANISH);
    expect(res.status, await res.clone().text()).toBe(200);
    const list = await json(res);
    const welcome = list.items.find((i: { id: string }) => i.id === 'welcome');
    expect(welcome.wordings.find((w: { language: string }) => w.language === 'es')).toMatchObject({ source: 'own', subject: SPANISH.subject });
    expect(welcome.wordings.find((w: { language: string }) => w.language === 'en')).toMatchObject({ source: 'default', subject: welcomeTemplate.text.en.subject });
    expect(welcome.requiredFields).toEqual(['adminSignInName', 'temporaryPassword', 'signInUrl']);

    await send(world.c1.id, 'es-ES', 'w-es-1');
    await send(world.c1.id, 'en', 'w-en-1');
    const [en, es] = (await outbox().list({ subjectId: String(world.c1.id) })).filter((m) => m.dedupeKey.startsWith('w-'));
    expect(es!.subject).toBe('Bienvenido a Uno: uno.onmicrosoft.com');
    expect(es!.html).toContain('&lt;b&gt;Gracias&lt;/b&gt;');
    expect(es!.text).not.toContain('S3cret-pw'); // the secret still sealed, never in the stored text
    expect(es!.hasSecret).toBe(true);
    expect(en!.subject).toBe('Your Microsoft tenant uno.onmicrosoft.com is ready');

    const audit = await world.repos.auditLog.list({ pathPrefix: world.d.path, companyId: world.d.id, action: 'notification_template.updated', limit: 5 });
    expect(audit[0]).toMatchObject({ targetId: 'welcome:es', after: { subject: SPANISH.subject } });
    // A reseller under it sees the wording as inherited.
    const inherited = await json(call(t, callers.distributor_admin, 'GET', base(world.r1.id)));
    expect(inherited.items.find((i: { id: string }) => i.id === 'welcome').wordings.find((w: { language: string }) => w.language === 'es')).toMatchObject({ source: 'inherited', inheritedFrom: world.d.id });
  });

  it('refuses unknown merge fields, a dropped password or link, and the locked authorization request, naming the field; nothing is saved', async () => {
    const typo = await call(t, callers.distributor_admin, 'PUT', `${base(world.d.id)}/welcome/en`, { subject: 'Hi', paragraphs: ['{{recipientName}}', '{{adminSignInName}} {{temporaryPassword}} {{signInUrl}} {{pasword}}'] });
    expect(typo.status).toBe(400);
    const typoBody = await json(typo);
    expect(JSON.stringify(typoBody)).toContain('paragraphs.1');
    expect(JSON.stringify(typoBody)).toContain('{{pasword}}');
    const dropped = await call(t, callers.distributor_admin, 'PUT', `${base(world.d.id)}/welcome/en`, { subject: 'Hi', paragraphs: ['Hello {{recipientName}}, sign in at {{signInUrl}} as {{adminSignInName}}'] });
    expect(dropped.status).toBe(400);
    expect(JSON.stringify(await json(dropped))).toContain('{{temporaryPassword}}');
    const locked = await call(t, callers.distributor_admin, 'PUT', `${base(world.d.id)}/customer-authorization-request/en`, { subject: '{{partnerName}}', paragraphs: ['{{customerName}} {{invitationUrl}}'] });
    expect(locked.status).toBe(409);
    const unknown = await call(t, callers.distributor_admin, 'PUT', `${base(world.d.id)}/no-such-template/en`, SPANISH);
    expect(unknown.status).toBe(400);
    expect(await world.repos.notificationTemplates.get(world.d.id, 'welcome', 'en')).toBeUndefined();
  });

  it('previews a wording being edited with sample data, escaped in HTML, without saving it', async () => {
    const res = await call(t, callers.distributor_admin, 'POST', `${base(world.d.id)}/welcome/es/preview`, { ...SPANISH, subject: 'Prueba {{companyName}}' });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.subject).toBe('Prueba Contoso Ejemplo S.L.');
    expect(body.html).toContain('&lt;b&gt;Gracias&lt;/b&gt;');
    expect(body.fields.temporaryPassword).toBe('Ejemplo-Clave-1');
    expect((await world.repos.notificationTemplates.get(world.d.id, 'welcome', 'es'))!.subject).toBe(SPANISH.subject);
  });

  it("sends a test of the saved wording to the caller's own address, into the outbox", async () => {
    const res = await call(t, callers.distributor_admin, 'POST', `${base(world.d.id)}/welcome/es/test-send`);
    expect(res.status, await res.clone().text()).toBe(202);
    const [m] = await outbox().list({ subjectId: String(world.d.id) });
    expect(m).toMatchObject({ template: 'welcome', language: 'es', to: [callers.distributor_admin.email], subject: 'Bienvenido a Contoso Ejemplo S.L.: contosoejemplo.onmicrosoft.com' });
  });

  it('keeps resellers out unless the distributor allows them; then a reseller’s wording reaches only its own customers', async () => {
    const mine = { ...SPANISH, subject: 'Reseller One: {{domain}}' };
    const refused = await call(t, callers.reseller_admin, 'PUT', `${base(world.r1.id)}/welcome/es`, mine);
    expect(refused.status).toBe(403);
    expect(await world.repos.notificationTemplates.get(world.r1.id, 'welcome', 'es')).toBeUndefined();
    expect((await call(t, callers.distributor_admin, 'PATCH', '/api/v1/settings/distributor', { resellersEditNotifications: true })).status).toBe(200);
    expect((await call(t, callers.reseller_admin, 'PUT', `${base(world.r1.id)}/welcome/es`, mine)).status).toBe(200);
    // Another reseller's subtree is not reachable.
    expect((await call(t, callers.reseller_admin, 'PUT', `${base(world.r2.id)}/welcome/es`, mine)).status).toBe(404);
    await send(world.c1.id, 'es', 'w-r1');
    await send(world.c2.id, 'es', 'w-r2');
    const subjects = async (c: number, key: string) => (await outbox().list({ subjectId: String(c) })).find((m) => m.dedupeKey === key)!.subject;
    expect(await subjects(world.c1.id, 'w-r1')).toBe('Reseller One: uno.onmicrosoft.com');
    expect(await subjects(world.c2.id, 'w-r2')).toBe('Bienvenido a Uno: uno.onmicrosoft.com');
    // A customer is not an owner of wording.
    expect((await call(t, callers.distributor_admin, 'PUT', `${base(world.c1.id)}/welcome/es`, mine)).status).toBe(422);
  });

  it('resets to the default (audited): messages go back to the built-in wording', async () => {
    const res = await call(t, callers.reseller_admin, 'DELETE', `${base(world.r1.id)}/welcome/es`);
    expect(res.status).toBe(200);
    expect((await call(t, callers.distributor_admin, 'DELETE', `${base(world.d.id)}/welcome/es`)).status).toBe(200);
    await send(world.c1.id, 'es', 'w-reset');
    const m = (await outbox().list({ subjectId: String(world.c1.id) })).find((x) => x.dedupeKey === 'w-reset')!;
    expect(m.subject).toBe('Su tenant de Microsoft uno.onmicrosoft.com está listo');
    const audit = await world.repos.auditLog.list({ pathPrefix: world.d.path, action: 'notification_template.reset', limit: 5 });
    expect(audit.map((a) => a.companyId).sort()).toEqual([world.d.id, world.r1.id].sort());
  });
});
