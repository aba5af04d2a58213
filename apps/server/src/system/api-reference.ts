import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Scalar } from '@scalar/hono-api-reference';
import type { Router } from '../http/openapi-app';

/** Where the reference page and its renderer are served. */
export const API_REFERENCE_PATH = '/api/docs';
const RENDERER_PATH = '/api/docs/scalar.js';

/**
 * How to call the API, shown at the top of the reference page (Markdown in the OpenAPI document's
 * `info.description`, so any OpenAPI tool shows it too).
 */
export const API_DESCRIPTION = `Provision Microsoft customer tenants through the Cloud Solution Provider programme, and manage
the channel (distributor, resellers, customers), orders, subscriptions and webhooks.

## Authentication
Two ways, both scoped to one company and everything under it:

- **API token** (integrations, scripts): create one on a company's *Security* tab; send it as
  \`Authorization: Bearer csph_...\`. A token has one role and never more power than its creator;
  it may expire; revoke it on the same tab.
- **Session cookie** (the web app): \`POST /api/v1/auth/login\` with e-mail and password sets the
  cookie and answers a \`csrfToken\`; every change (POST, PUT, PATCH, DELETE) must then carry the
  header \`X-CSRF-Token\` with it.

Outside the caller's subtree every resource answers 404; a role that may not act answers 403.

\`\`\`sh
curl -H "Authorization: Bearer $CSPHUB_TOKEN" https://csphub.example.com/api/v1/companies/tree
\`\`\`

## Errors
Errors are \`application/problem+json\` with a stable \`code\`, a \`detail\` naming what to fix,
\`errors[]\` per field for bad input, and a \`requestId\` to quote. A 503 that may be retried says
when in \`Retry-After\`.

## Webhooks
Subscriptions (\`/api/v1/companies/{id}/webhooks\`) receive the events of the catalogue
(\`GET /api/v1/webhooks/event-types\`) as Standard Webhooks deliveries signed with HMAC-SHA256
(\`webhook-id\`, \`webhook-timestamp\`, \`webhook-signature\`). Verify each one before trusting it; see
docs/WEBHOOKS.md in the repository for a receiver's code.`;

/**
 * The API reference page: Scalar's renderer (served from this process, no CDN) over
 * `/api/openapi.json`. The page's one inline script is allowed by its hash in the page's own
 * Content-Security-Policy; nothing else is loosened.
 */
export function mountApiReference(app: Router): void {
  const rendererFile = createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js');
  const page = Scalar({ url: '/api/openapi.json', pageTitle: 'CSP Hub API reference', cdn: RENDERER_PATH, withDefaultFonts: false, hideClientButton: true, telemetry: false });
  app.get(API_REFERENCE_PATH, async (c, next) => {
    const res = await page(c as unknown as Parameters<typeof page>[0], next);
    if (!res) return c.notFound();
    const html = await res.text();
    const hashes = [...html.matchAll(/<script(?: type="text\/javascript")?>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
    c.header('Content-Security-Policy', `default-src 'self'; script-src 'self' ${hashes.join(' ')}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'`);
    return c.html(html);
  });
  app.get(RENDERER_PATH, (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(fs.readFileSync(rendererFile));
  });
}
