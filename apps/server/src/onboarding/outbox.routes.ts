import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { createOutboxRepo, type OutboxMessageView } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { reposOf } from '../app/server-deps';
import { requireOnboardingRead } from './onboarding-access';
import type { OnboardingDeps } from './onboarding-deps';

import { json, listOf } from '../http/json-content';

export const OutboxMessageSchema = z
  .object({
    id: z.number().int(),
    template: z.string(),
    language: z.string(),
    from: z.string(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    text: z.string().openapi({ description: 'Secrets (a one-time password) are masked; they are never stored here in clear' }),
    html: z.string(),
    companyId: z.number().int().nullable(),
    companyName: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('OutboxMessage');

/**
 * The local outbox: messages CSP Hub "sent" while no SMTP server is configured, readable by
 * the people who can see the company each message is about (subtree rule, 404 outside).
 */
export function outboxRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  const visible = async (principal: { company: { path: string } }) => {
    const companies = await reposOf(deps).companies.listSubtree(principal.company.path);
    return new Map(companies.map((c) => [String(c.id), c.name]));
  };
  const dto = (m: OutboxMessageView, names: Map<string, string>) => ({
    id: m.id,
    template: m.template,
    language: m.language,
    from: m.from,
    to: m.to,
    cc: m.cc,
    subject: m.subject,
    text: m.text,
    html: m.html,
    companyId: m.subjectId ? Number(m.subjectId) : null,
    companyName: m.subjectId ? (names.get(m.subjectId) ?? null) : null,
    createdAt: m.createdAt.toISOString(),
  });
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/outbox',
        tags: ['Notifications'],
        summary: 'Messages in the local outbox about companies you can see, newest first',
        request: { query: z.object({ companyId: z.coerce.number().int().positive().optional().openapi({ param: { name: 'companyId', in: 'query' } }) }) },
        responses: { 200: { description: 'Messages', content: json(listOf(OutboxMessageSchema)) }, ...scopedErrors },
      }),
      async (c) => {
        requireOnboardingRead(c.var.principal);
        const names = await visible(c.var.principal);
        const companyId = c.req.valid('query').companyId;
        const repo = createOutboxRepo(deps.db, deps.box);
        const rows = await repo.list(companyId ? { subjectId: String(companyId), limit: 200 } : { limit: 500 });
        return c.json({ items: rows.filter((m) => m.subjectId !== null && names.has(m.subjectId)).map((m) => dto(m, names)) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/outbox/{messageId}',
        tags: ['Notifications'],
        summary: 'One outbox message',
        request: { params: z.object({ messageId: z.coerce.number().int().positive().openapi({ param: { name: 'messageId', in: 'path' } }) }) },
        responses: { 200: { description: 'The message', content: json(OutboxMessageSchema) }, ...scopedErrors },
      }),
      async (c) => {
        // Scope first: a message about a company outside the caller's subtree does not exist for them.
        const names = await visible(c.var.principal);
        const m = await createOutboxRepo(deps.db, deps.box).get(c.req.valid('param').messageId);
        if (!m || !m.subjectId || !names.has(m.subjectId)) throw new AppError('NOT_FOUND', 'There is no such message among those you can see.');
        requireOnboardingRead(c.var.principal);
        return c.json(dto(m, names), 200);
      },
    );
}
