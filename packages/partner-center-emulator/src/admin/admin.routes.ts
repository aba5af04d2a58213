import type { Context, Hono } from 'hono';
import type { AppEnv } from '../protocol/app-env';
import type { EmulatorRuntime } from '../runtime';
import { EmulatorError } from '../errors/emulator-error';
import { acceptResellerRelationship } from '../engine/customers.engine';
import { approveGdapRelationship } from '../engine/gdap.engine';
import { EntraRole } from '@csphub/partner-center/wire';
import { escapeHtml, page } from './html';

const ROLE_NAMES = new Map<string, string>(Object.entries(EntraRole).map(([name, id]) => [id, name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase())]));

function errorText(error: unknown): string {
  if (error instanceof EmulatorError) {
    const body = error.body as { description?: string; error?: { message?: string } };
    return body.description ?? body.error?.message ?? error.message;
  }
  throw error;
}

/**
 * The customer side (docs/PARTNER-CENTER-REFERENCE.md §6, §12.3): the pages a customer's Global Admin opens
 * from a reseller relationship link or a GDAP approval link. "Signing in" is choosing one of the
 * tenants' Global Admins in a list (or `?as=<tenant id|key|domain>`); Accept / Approve act as that
 * tenant. Plain server-rendered HTML; the only script turns the GDAP link's `#/…` fragment, which a
 * server never sees, into a path.
 */
export function registerAdminRoutes(app: Hono<AppEnv>, runtime: EmulatorRuntime): void {
  const engine = () => runtime.engine;

  const tenantOptions = (selected: string | undefined, only?: string) => {
    const tenants = Object.values(engine().state.tenants).filter((t) => !only || t.tenantId === only);
    const admins = Object.values(engine().state.users).filter((u) => u.isGlobalAdmin);
    const chosen = selected ? resolve(selected) : undefined;
    // No tenant is chosen for the person: a pre-selected first tenant was easy to accept for by
    // mistake. The link's tenant (`as`), or the only tenant the request is for, is chosen; otherwise
    // the list starts on a prompt and the form cannot be sent until someone is picked.
    const preset = chosen ?? (only && tenants.length === 1 ? tenants[0]!.tenantId : undefined);
    const prompt = preset ? '' : '<option value="" selected disabled>Choose the Global Administrator signing in…</option>';
    return prompt + tenants
      .map((t) => {
        const admin = admins.find((u) => u.customerTenantId === t.tenantId);
        const label = `${admin?.userPrincipalName ?? `admin@${t.initialDomain}`} (Global Administrator, ${t.companyName})`;
        return `<option value="${escapeHtml(t.tenantId)}"${preset === t.tenantId ? ' selected' : ''}>${escapeHtml(label)}</option>`;
      })
      .join('');
  };
  const resolve = (v: string) => {
    const s = engine().state;
    const lower = v.toLowerCase();
    if (s.tenants[lower]) return lower;
    const byKey = s.scenario.tenants.find((t) => t.key === v);
    if (byKey) return byKey.tenantId.toLowerCase();
    return Object.values(s.tenants).find((t) => t.initialDomain === lower || t.customDomains.includes(lower))?.tenantId;
  };

  const home = (c: Context<AppEnv>) => {
    runtime.tick();
    const invType = c.req.query('invType');
    if (invType) return invitationPage(c);
    const pending = Object.values(engine().state.gdap).filter((r) => r.status === 'approvalPending');
    const list = pending.map((r) => `<li><a href="/admin/granularAdminRelationships/${escapeHtml(r.id)}">${escapeHtml(r.displayName)}</a> from ${escapeHtml(engine().partnerByTenant(r.partnerTenantId)?.name ?? r.partnerTenantId)}</li>`).join('');
    return page(
      'Home',
      `<h1>Partner requests</h1>
<script>var m=/granularAdminRelationships\\/([^/?#]+)/.exec(location.hash);if(m)location.replace('/admin/granularAdminRelationships/'+encodeURIComponent(m[1])+location.search);</script>
<p>Pending granular admin relationship requests:</p><ul>${list || '<li>None</li>'}</ul>`,
    );
  };
  app.get('/admin/Adminportal/Home', home);
  app.get('/admin/AdminPortal/Home', home);
  app.get('/admin', (c) => c.redirect('/admin/AdminPortal/Home'));

  const invitationPage = (c: Context<AppEnv>) => {
    const invType = c.req.query('invType') ?? '';
    const partner = engine().partnerByTenant(c.req.query('partnerId') ?? '');
    if (!partner || (invType !== 'ResellerRelationship' && invType !== 'IndirectResellerRelationship')) {
      return page('Invitation', '<h1>Invalid invitation</h1><p class="err">This link does not name a known partner.</p>', 400);
    }
    const resellerId = c.req.query('indirectCSPId');
    const reseller = resellerId ? engine().state.resellers[resellerId.toLowerCase()] : undefined;
    if (invType === 'IndirectResellerRelationship' && !reseller) return page('Invitation', '<h1>Invalid invitation</h1><p class="err">Unknown indirect reseller.</p>', 400);
    return page(
      'Accept partner invitation',
      `<h1>Accept the invitation from ${escapeHtml(partner.name)}</h1>
<dl><dt>Partner</dt><dd>${escapeHtml(partner.name)} (${escapeHtml(partner.tenantId)})</dd>
${reseller ? `<dt>Indirect reseller</dt><dd>${escapeHtml(reseller.name)} (Partner ID ${escapeHtml(reseller.partnerId)})</dd>` : ''}
<dt>Relationship</dt><dd>Reseller${reseller ? ' (through an indirect reseller)' : ''}; no delegated admin privileges</dd></dl>
<form method="post" action="/admin/partner-invitation/accept">
<input type="hidden" name="partnerId" value="${escapeHtml(partner.tenantId)}">
${reseller ? `<input type="hidden" name="indirectCSPId" value="${escapeHtml(reseller.tenantId)}">` : ''}
<p><label>Signed in as <select name="tenantId" required>${tenantOptions(c.req.query('as'))}</select></label></p>
<p class="note">By accepting, you authorize ${escapeHtml(partner.name)} to be your Cloud Solution Provider, and accept the Microsoft Customer Agreement terms shown by your partner.</p>
<button type="submit" name="action" value="accept">Accept</button></form>`,
    );
  };

  app.post('/admin/partner-invitation/accept', async (c) => {
    const form = await c.req.parseBody();
    try {
      const result = acceptResellerRelationship(engine(), String(form['partnerId'] ?? ''), String(form['tenantId'] ?? ''), form['indirectCSPId'] ? String(form['indirectCSPId']) : undefined);
      const partner = engine().partnerByTenant(result.relationship.partnerTenantId)!;
      return page('Accepted', `<h1 class="ok">${result.created ? 'Invitation accepted' : 'Already accepted'}</h1><p>${escapeHtml(partner.name)} is now a partner of ${escapeHtml(engine().state.tenants[result.relationship.customerTenantId]!.companyName)}.</p>`);
    } catch (error) {
      return page('Error', `<h1 class="err">The invitation could not be accepted</h1><p>${escapeHtml(errorText(error))}</p>`, 400);
    } finally {
      runtime.afterRequest();
    }
  });

  app.get('/admin/granularAdminRelationships/:id', (c) => {
    runtime.tick();
    const record = engine().state.gdap[c.req.param('id')];
    if (!record) return page('Not found', '<h1 class="err">This relationship request does not exist.</h1>', 404);
    const partner = engine().partnerByTenant(record.partnerTenantId);
    const roles = record.roles.map((id) => `<li>${escapeHtml(ROLE_NAMES.get(id) ?? id)}</li>`).join('');
    const canApprove = record.status === 'approvalPending';
    return page(
      'Granular admin relationship',
      `<h1>${escapeHtml(partner?.name ?? 'A partner')} requests admin access</h1>
<dl><dt>Name</dt><dd>${escapeHtml(record.displayName)}</dd><dt>Duration</dt><dd>${escapeHtml(record.duration)}</dd>
<dt>Auto-extend</dt><dd>${escapeHtml(record.autoExtendDuration)}</dd><dt>Status</dt><dd id="status">${escapeHtml(record.status)}</dd></dl>
<p>Microsoft Entra roles:</p><ul>${roles}</ul>
${
  canApprove
    ? `<form method="post" action="/admin/granularAdminRelationships/${escapeHtml(record.id)}/approve">
<p><label>Signed in as <select name="tenantId" required>${tenantOptions(c.req.query('as'), record.customerTenantId)}</select></label></p>
<button type="submit" name="action" value="approve">Approve all roles</button></form>`
    : '<p class="note">This request is not waiting for approval.</p>'
}`,
    );
  });

  app.post('/admin/granularAdminRelationships/:id/approve', async (c) => {
    const form = await c.req.parseBody();
    try {
      const record = approveGdapRelationship(engine(), c.req.param('id'), String(form['tenantId'] ?? ''));
      runtime.tick();
      return page('Approved', `<h1 class="ok">Approved</h1><p>The relationship '${escapeHtml(record.displayName)}' is ${escapeHtml(record.status)}.</p>`);
    } catch (error) {
      return page('Error', `<h1 class="err">The request could not be approved</h1><p>${escapeHtml(errorText(error))}</p>`, 400);
    } finally {
      runtime.afterRequest();
    }
  });
}
