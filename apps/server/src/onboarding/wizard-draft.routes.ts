import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { createRepos, createWizardDraftsRepo, type Database } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { companyInScope } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { reposOf } from '../app/server-deps';
import { CompanyIdParamSchema } from './onboarding.schema';
import { SavedWizardDraftSchema, WizardDraftBodySchema, WizardDraftSchema } from './wizard-draft.schema';
import { requireOrderAccess } from './onboarding-access';
import type { OnboardingDeps } from './onboarding-deps';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
/** The person a draft belongs to: the signed-in user, or an API token's owner. */
function draftOwner(p: Principal): string {
  const id = p.userId ?? p.ownerUserId;
  if (!id) throw new AppError('FORBIDDEN', 'Drafts belong to a person; this caller has none.');
  return id;
}

/**
 * The "New service" wizard's draft (one per company and person, on the server so it follows the
 * person): read it to offer resuming, save it as they type, discard it. Finish discards it too.
 */
export function wizardDraftRoutes(deps: OnboardingDeps) {
  const auth = authenticate(deps);
  const access = async (p: Principal, id: number) => {
    const company = await companyInScope(reposOf(deps), p, id);
    requireOrderAccess(p, company);
    return company;
  };
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/onboarding/draft',
        tags: ['Onboarding'],
        summary: 'Your draft of the New service wizard for this company, if any',
        request: { params: CompanyIdParamSchema },
        responses: { 200: { description: 'The draft, or null', content: json(SavedWizardDraftSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const company = await access(c.var.principal, c.req.valid('param').id);
        const row = await createWizardDraftsRepo(deps.db).get(company.id, draftOwner(c.var.principal));
        const parsed = row ? WizardDraftBodySchema.safeParse({ state: row.state, step: row.step }) : null;
        // A draft saved by an older wizard that no longer parses is not offered.
        return c.json({ draft: row && parsed?.success ? { ...parsed.data, updatedAt: row.updatedAt.toISOString() } : null }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'put',
        path: '/companies/{id}/onboarding/draft',
        tags: ['Onboarding'],
        summary: 'Save your draft of the New service wizard for this company',
        request: { params: CompanyIdParamSchema, body: { required: true, content: json(WizardDraftBodySchema) } },
        responses: { 200: { description: 'Saved', content: json(WizardDraftSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const company = await access(p, c.req.valid('param').id);
        const body = c.req.valid('json');
        const now = deps.clock.now();
        const row = await deps.db.transaction(async (tx) => {
          const db = tx as unknown as Database;
          const saved = await createWizardDraftsRepo(db).save(company.id, draftOwner(p), { state: body.state, step: body.step }, now);
          // The first save is audited; the saves while typing are not (they change nothing outside the draft).
          if (saved.created) {
            await writeAudit(c, createRepos(db, deps.box), { at: now, companyId: company.id, action: 'onboarding.draft_started', targetType: 'company', targetId: company.id, summary: 'A New service draft was started.' });
          }
          return saved.row;
        });
        return c.json({ state: body.state, step: row.step, updatedAt: row.updatedAt.toISOString() }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'delete',
        path: '/companies/{id}/onboarding/draft',
        tags: ['Onboarding'],
        summary: 'Discard your draft of the New service wizard for this company',
        request: { params: CompanyIdParamSchema },
        responses: { 200: { description: 'Whether there was a draft', content: json(z.object({ discarded: z.boolean() })) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const company = await access(p, c.req.valid('param').id);
        const now = deps.clock.now();
        const discarded = await deps.db.transaction(async (tx) => {
          const db = tx as unknown as Database;
          const removed = await createWizardDraftsRepo(db).remove(company.id, draftOwner(p));
          if (removed) await writeAudit(c, createRepos(db, deps.box), { at: now, companyId: company.id, action: 'onboarding.draft_discarded', targetType: 'company', targetId: company.id, summary: 'A New service draft was discarded.' });
          return removed;
        });
        return c.json({ discarded }, 200);
      },
    );
}
