import { createRoute } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import type { CompanyRow, NotificationTemplateTextRow, Repos } from '@csphub/db';
import { checkTemplateText, previewTemplate, requiredMergeFields, sampleFields, TEMPLATE_LANGUAGES, templates, type Notifier, type TemplateDefinition, type TemplateText } from '@csphub/notifications';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { companyInScope, requirePermission } from '../access/scope';
import { reposOf, type ServerDeps } from '../app/server-deps';
import { scopedMutation } from '../channel/scoped-mutation';
import { IdParamSchema } from '../channel/company.schema';
import { readDefaults } from '../channel/distributor-settings';
import type { Principal } from '../auth/principal';
import { json } from '../http/json-content';
import { NotificationTemplateListSchema, TemplateParams, TemplatePreviewSchema, TemplateTextSchema, TestSendResultSchema, type NotificationTemplateView } from './notification-templates.schema';

export interface NotificationTemplatesDeps extends ServerDeps {
  notifier: Pick<Notifier, 'send'>;
}

const TAG = 'Notification templates';
const manage = { permission: 'notifications.manage' as const, what: 'change notification wording' };

/** Wordings belong to a distributor or a reseller, not to a customer. */
function requireOwner(company: CompanyRow): void {
  if (company.kind === 'customer') throw new AppError('HIERARCHY_INVALID', 'Notification wording belongs to a distributor or a reseller; choose that company instead of a customer.');
}

/** Wordings belong to a distributor or a reseller; a reseller's staff edit them only where the distributor allows it. */
async function requireEditable(repos: Repos, p: Principal, company: CompanyRow): Promise<void> {
  requireOwner(company);
  if (p.company.kind !== 'distributor' && !(await readDefaults(repos)).resellersEditNotifications) {
    throw new AppError('FORBIDDEN', "Your distributor has not allowed resellers to change the wording of notifications; ask the distributor's administrator.");
  }
}

function templateOf(id: string): TemplateDefinition {
  const def = templates[id];
  if (!def) throw new AppError('NOT_FOUND', `There is no notification template ${id}.`);
  return def;
}

function refuseProblems(def: TemplateDefinition, text: TemplateText): void {
  if (def.locked) throw new AppError('CONFLICT', `The wording of "${def.description}" is fixed (legal text) and cannot be changed.`);
  const problems = checkTemplateText(def, text);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', `The wording is not valid: ${problems[0]!.message}`, problems);
}

/** Each template with the wording a company's messages use in each language, and whose it is. */
function listView(company: CompanyRow, rows: NotificationTemplateTextRow[]): NotificationTemplateView[] {
  const depth = (companyId: number) => company.path.split('/').indexOf(String(companyId));
  return Object.values(templates).map((def) => ({
    id: def.id,
    description: def.description,
    fields: [...def.fields],
    requiredFields: requiredMergeFields(def),
    secretFields: [...def.secretFields],
    locked: def.locked === true,
    wordings: TEMPLATE_LANGUAGES.map((language) => {
      const nearest = def.locked ? undefined : rows.filter((r) => r.templateId === def.id && r.language === language).sort((a, b) => depth(b.companyId) - depth(a.companyId))[0];
      const text = nearest ?? def.text[language];
      return {
        language,
        subject: text.subject,
        paragraphs: [...text.paragraphs],
        source: !nearest ? ('default' as const) : nearest.companyId === company.id ? ('own' as const) : ('inherited' as const),
        inheritedFrom: nearest && nearest.companyId !== company.id ? nearest.companyId : null,
        updatedAt: nearest?.updatedAt.toISOString() ?? null,
        updatedBy: nearest?.updatedBy ?? null,
      };
    }),
  }));
}

/**
 * The notification template editor (F1, docs/NOTIFICATIONS.md): each template's wording per
 * language for a distributor or reseller, a preview with sample data, a test send to the caller,
 * saving (audited) and reset to the default (audited).
 */
export function notificationTemplatesRoutes(deps: NotificationTemplatesDeps) {
  const auth = authenticate(deps);
  const publicUrl = () => deps.publicUrl ?? 'http://localhost:3000';
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/notification-templates',
        tags: [TAG],
        summary: "Every notification template with the wording this company's messages use in each language, its merge fields, and whether it is locked",
        request: { params: IdParamSchema },
        responses: { 200: { description: 'The templates', content: json(NotificationTemplateListSchema) }, ...scopedErrors, 422: problem('The company is a customer') },
      }),
      async (c) => {
        const p = c.var.principal;
        const repos = reposOf(deps);
        const company = await companyInScope(repos, p, c.req.valid('param').id);
        requirePermission(p, manage.permission, manage.what);
        requireOwner(company);
        const canEdit = p.company.kind === 'distributor' || (await readDefaults(repos)).resellersEditNotifications;
        return c.json({ items: listView(company, await repos.notificationTemplates.listAlongPath(company.path)), canEdit }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/notification-templates/{templateId}/{language}/preview',
        tags: [TAG],
        summary: 'Render a wording (as being edited, not saved) with sample data: subject, plain text and HTML',
        request: { params: TemplateParams, body: { required: true, content: json(TemplateTextSchema) } },
        responses: { 200: { description: 'The rendered sample', content: json(TemplatePreviewSchema) }, 400: problem('The wording uses an unknown merge field or drops a required one'), ...scopedErrors, 409: problem('The template is locked'), 422: problem('The company is a customer') },
      }),
      async (c) => {
        const p = c.var.principal;
        const { id, templateId, language } = c.req.valid('param');
        const text = c.req.valid('json');
        const repos = reposOf(deps);
        const company = await companyInScope(repos, p, id);
        requirePermission(p, manage.permission, manage.what);
        requireOwner(company);
        const def = templateOf(templateId);
        refuseProblems(def, text);
        const rendered = previewTemplate(def, language, text, publicUrl());
        return c.json({ subject: rendered.subject, text: rendered.text, html: rendered.html, fields: sampleFields(def, language, publicUrl()) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'put',
        path: '/companies/{id}/notification-templates/{templateId}/{language}',
        tags: [TAG],
        summary: "Save this company's wording of a template in a language; its messages and those of the companies under it use it",
        request: { params: TemplateParams, body: { required: true, content: json(TemplateTextSchema) } },
        responses: { 200: { description: 'Saved; the templates as they now are', content: json(NotificationTemplateListSchema) }, 400: problem('The wording uses an unknown merge field or drops a required one'), ...scopedErrors, 409: problem('The template is locked'), 422: problem('The company is a customer') },
      }),
      async (c) => {
        const { id, templateId, language } = c.req.valid('param');
        const text = c.req.valid('json');
        const def = templateOf(templateId);
        const view = await scopedMutation(deps, c, {
          scope: (repos, p) => companyInScope(repos, p, id),
          ...manage,
          run: async ({ repos, principal, now, scoped: company, audit }) => {
            await requireEditable(repos, principal, company);
            refuseProblems(def, text);
            const before = await repos.notificationTemplates.get(company.id, def.id, language);
            await repos.notificationTemplates.save({ companyId: company.id, templateId: def.id, language, subject: text.subject, paragraphs: text.paragraphs, at: now, by: principal.label });
            await audit({
              companyId: company.id,
              action: 'notification_template.updated',
              targetType: 'notification_template',
              targetId: `${def.id}:${language}`,
              summary: `Changed the ${language} wording of "${def.description}"`,
              before: before ? { subject: before.subject, paragraphs: before.paragraphs } : { default: true },
              after: { subject: text.subject, paragraphs: text.paragraphs },
            });
            return listView(company, await repos.notificationTemplates.listAlongPath(company.path));
          },
        });
        return c.json({ items: view, canEdit: true }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'delete',
        path: '/companies/{id}/notification-templates/{templateId}/{language}',
        tags: [TAG],
        summary: "Reset to the default: remove this company's wording (messages use the wording above it, or the built-in one)",
        request: { params: TemplateParams },
        responses: { 200: { description: 'Reset; the templates as they now are', content: json(NotificationTemplateListSchema) }, ...scopedErrors, 422: problem('The company is a customer') },
      }),
      async (c) => {
        const { id, templateId, language } = c.req.valid('param');
        const def = templateOf(templateId);
        const view = await scopedMutation(deps, c, {
          scope: (repos, p) => companyInScope(repos, p, id),
          ...manage,
          run: async ({ repos, principal, scoped: company, audit }) => {
            await requireEditable(repos, principal, company);
            const before = await repos.notificationTemplates.get(company.id, def.id, language);
            if (before) {
              await repos.notificationTemplates.remove(company.id, def.id, language);
              await audit({
                companyId: company.id,
                action: 'notification_template.reset',
                targetType: 'notification_template',
                targetId: `${def.id}:${language}`,
                summary: `Reset the ${language} wording of "${def.description}" to the default`,
                before: { subject: before.subject, paragraphs: before.paragraphs },
                after: { default: true },
              });
            }
            return listView(company, await repos.notificationTemplates.listAlongPath(company.path));
          },
        });
        return c.json({ items: view, canEdit: true }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/notification-templates/{templateId}/{language}/test-send',
        tags: [TAG],
        summary: "Send the saved wording with sample data to the caller's own e-mail address",
        request: { params: TemplateParams },
        responses: { 202: { description: 'Sent (or put in the local outbox)', content: json(TestSendResultSchema) }, ...scopedErrors, 422: problem('The company is a customer, or the caller has no e-mail address (an API token)') },
      }),
      async (c) => {
        const { id, templateId, language } = c.req.valid('param');
        const def = templateOf(templateId);
        const p = c.var.principal;
        const to = p.email;
        const now = deps.clock.now();
        await scopedMutation(deps, c, {
          scope: (repos, principal) => companyInScope(repos, principal, id),
          ...manage,
          run: async ({ scoped: company, audit }) => {
            requireOwner(company);
            if (!to) throw new AppError('VALIDATION_FAILED', 'A test message goes to the signed-in person; an API token has no e-mail address.', [{ field: 'to', message: 'no e-mail address' }]);
            await audit({ companyId: company.id, action: 'notification_template.test_sent', targetType: 'notification_template', targetId: `${def.id}:${language}`, summary: `Sent a test of the ${language} "${def.description}" to ${to}` });
          },
        });
        // The notifier picks the wording this company's messages use (its own, inherited or built-in).
        const sent = await deps.notifier.send({
          template: def.id,
          language,
          to: [to!],
          fields: sampleFields(def, language, publicUrl()),
          dedupeKey: `template-test:${id}:${def.id}:${language}:${now.toISOString()}`,
          subjectId: String(id),
        });
        return c.json({ to: [to!], messageId: sent.id }, 202);
      },
    );
}
