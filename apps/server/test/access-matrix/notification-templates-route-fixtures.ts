import type { Role } from '@csphub/domain';
import type { FixtureContext, RouteFixture } from './route-fixture.types';

/** Who reads and previews wording: the distributor's and resellers' administrators. */
const TEMPLATE_ADMINS: readonly Role[] = ['distributor_admin', 'reseller_admin'];
/** Who saves and resets it with the distributor's default settings (resellers not allowed to edit). */
const TEMPLATE_EDITORS: readonly Role[] = ['distributor_admin'];

const base = (ctx: FixtureContext) => `/api/v1/companies/${ctx.target.parent.id}/notification-templates`;
const wording = { subject: 'Su tenant {{domain}} está listo', paragraphs: ['Hola {{recipientName}}:', '{{adminSignInName}} / {{temporaryPassword}}', '{{signInUrl}}'] };

export const NOTIFICATION_TEMPLATES_ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'GET /api/v1/companies/{id}/notification-templates': { scope: 'company', allowed: TEMPLATE_ADMINS, request: (ctx) => ({ path: base(ctx) }) },
  'POST /api/v1/companies/{id}/notification-templates/{templateId}/{language}/preview': {
    scope: 'company',
    allowed: TEMPLATE_ADMINS,
    request: (ctx) => ({ path: `${base(ctx)}/welcome/es/preview`, body: wording }),
  },
  'PUT /api/v1/companies/{id}/notification-templates/{templateId}/{language}': {
    scope: 'company',
    allowed: TEMPLATE_EDITORS,
    request: (ctx) => ({ path: `${base(ctx)}/welcome/es`, body: wording }),
  },
  'DELETE /api/v1/companies/{id}/notification-templates/{templateId}/{language}': {
    scope: 'company',
    allowed: TEMPLATE_EDITORS,
    request: (ctx) => ({ path: `${base(ctx)}/welcome/es` }),
  },
  'POST /api/v1/companies/{id}/notification-templates/{templateId}/{language}/test-send': {
    scope: 'company',
    allowed: TEMPLATE_ADMINS,
    request: (ctx) => ({ path: `${base(ctx)}/welcome/es/test-send` }),
  },
};
