import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { EVENT_TYPES } from '@csphub/domain';
import { createTestApp, type TestApp } from './test-app';

type Operation = { summary?: string; description?: string; responses?: Record<string, { description?: string }> };

/**
 * The OpenAPI document the server serves is valid OpenAPI (swagger-parser validates it against the
 * specification's schema and resolves every $ref), every operation says what it does, every event
 * of the webhook catalogue has its payload among the components, and the reference page renders it
 * with the renderer served from this process.
 */
describe('the OpenAPI document and the API reference page', () => {
  let t: TestApp;
  let doc: { info: { description: string }; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> } };
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await (await t.app.request('/api/openapi.json')).json()) as typeof doc;
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('is valid OpenAPI', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('describes every operation and every answer', () => {
    const undescribed: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const text = `${op.summary ?? ''}${op.description ?? ''}`.trim();
        if (text.length < 10) undescribed.push(`${method.toUpperCase()} ${path}`);
        for (const [status, r] of Object.entries(op.responses ?? {})) if (!r.description?.trim()) undescribed.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    }
    expect(undescribed).toEqual([]);
  });

  it('explains authentication and carries every webhook event payload', () => {
    expect(doc.info.description).toContain('Authorization: Bearer');
    expect(doc.info.description).toContain('X-CSRF-Token');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiToken', 'sessionCookie']);
    for (const type of EVENT_TYPES) expect(Object.keys(doc.components.schemas), type).toContain(`WebhookEvent.${type}.v1`);
  });

  it('serves the reference page over /api/openapi.json with its renderer from this process, its inline script allowed by hash', async () => {
    const page = await t.app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/openapi.json');
    expect(html).toContain('<script src="/api/docs/scalar.js">');
    expect(html).not.toContain('cdn.jsdelivr.net');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
    const renderer = await t.app.request('/api/docs/scalar.js');
    expect(renderer.status).toBe(200);
    expect(renderer.headers.get('content-type')).toContain('javascript');
    expect((await renderer.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});
