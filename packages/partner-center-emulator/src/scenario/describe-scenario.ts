import type { Scenario } from './scenario.schema';

/**
 * What `GET /_emulator/scenario` answers and the CLI prints: partners with their tenant ids,
 * Partner IDs and app credentials, the reseller network, the tenants and the catalog size, plus
 * the URLs a client needs (token endpoints, API roots) for this emulator's origin.
 */
export function describeScenario(scenario: Scenario, baseUrl: string) {
  return {
    name: scenario.name,
    urls: {
      partnerCenter: `${baseUrl}/v1`,
      graph: `${baseUrl}/graph/v1.0`,
      login: `${baseUrl}/login`,
      admin: `${baseUrl}/admin`,
      control: `${baseUrl}/_emulator`,
    },
    partners: scenario.partners.map((p) => ({
      key: p.key,
      name: p.name,
      kind: p.kind,
      tenantId: p.tenantId,
      domain: p.domain,
      partnerId: p.partnerId,
      region: p.region,
      country: p.country,
      sandbox: p.sandbox,
      appId: p.app.appId,
      appSecret: p.app.appSecret,
      refreshToken: p.user.refreshToken,
      userPrincipalName: p.user.userPrincipalName,
      tokenEndpoint: `${baseUrl}/login/${p.tenantId}/oauth2/token`,
      tokenEndpointV2: `${baseUrl}/login/${p.tenantId}/oauth2/v2.0/token`,
    })),
    resellers: scenario.resellers.map((r) => ({
      key: r.key,
      name: r.name,
      tenantId: r.tenantId,
      partnerId: r.partnerId,
      country: r.country,
      region: r.region,
      mpaSigned: r.mpaSignedRegions,
      providers: r.providers,
    })),
    tenants: scenario.tenants.map((t) => ({
      key: t.key,
      tenantId: t.tenantId,
      companyName: t.companyName,
      domain: `${t.domainPrefix}.onmicrosoft.com`,
      customDomains: t.customDomains,
      country: t.address.country,
      relatedTo: t.relationships.map((r) => r.partner + (r.reseller ? ` via ${r.reseller}` : '')),
      subscriptions: t.subscriptions.length,
      globalAdmin: t.globalAdmin.userName,
    })),
    catalog: { products: scenario.catalog.length, productIds: scenario.catalog.map((p) => `${p.id} ${p.title}`) },
  };
}

/** A plain-text version for the terminal. */
export function formatScenario(scenario: Scenario, baseUrl: string): string {
  const d = describeScenario(scenario, baseUrl);
  const lines: string[] = [];
  lines.push(`Scenario '${d.name}'  Partner Center ${d.urls.partnerCenter}  Graph ${d.urls.graph}  Token ${d.urls.login}/{tenant}/oauth2/token  Control ${d.urls.control}`);
  lines.push('', 'Partners (app-only: client_credentials; app+user: refresh_token grant):');
  for (const p of d.partners) {
    lines.push(`  ${p.key.padEnd(20)} ${p.name} [${p.kind}${p.sandbox ? ', sandbox' : ''}] region ${p.region}`);
    lines.push(`    tenantId ${p.tenantId}  partnerId ${p.partnerId}  domain ${p.domain}`);
    lines.push(`    appId ${p.appId}  appSecret ${p.appSecret}  refreshToken ${p.refreshToken}`);
  }
  lines.push('', 'Indirect resellers:');
  for (const r of d.resellers) {
    lines.push(`  ${r.key.padEnd(14)} partnerId ${r.partnerId}  tenantId ${r.tenantId}  ${r.country}/${r.region}  MPA ${r.mpaSigned.length ? r.mpaSigned.join(',') : 'NOT signed'}  providers ${r.providers.join(',')}  ${r.name}`);
  }
  lines.push('', 'Existing tenants:');
  for (const t of d.tenants) {
    lines.push(`  ${t.key.padEnd(10)} ${t.tenantId}  ${t.domain}${t.customDomains.length ? ` (${t.customDomains.join(', ')})` : ''}  ${t.country}  ${t.relatedTo.length ? `related: ${t.relatedTo.join('; ')}` : 'not related'}  ${t.subscriptions} subscription(s)`);
  }
  lines.push('', `Catalog: ${d.catalog.products} new-commerce products.`);
  return lines.join('\n');
}
