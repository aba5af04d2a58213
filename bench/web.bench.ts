/**
 * The web app's first load: what a browser transfers to show the home page (the sign-in form for a
 * visitor), measured in Debian's Chromium against the server's own static handler, compressed as
 * the server sends it and, as the baseline in the same run, with compression refused. The budget is
 * 300 KB transferred.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { staticWeb } from '../apps/server/src/http/static-web';
import { ensureWebBuilt } from '../scripts/ensure-web-built';
import type { Report } from './run';

const BUDGET_BYTES = 300 * 1024;

export default async function webBench(report: Report) {
  ensureWebBuilt((line) => console.log(`  ${line}`));
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../apps/web/dist');
  const app = new Hono();
  // The API is not under test: an empty session makes the app show its sign-in page.
  app.get('/api/v1/*', (c) => c.json({ title: 'Not signed in', status: 401, code: 'UNAUTHENTICATED' }, 401));
  app.use('*', staticWeb(dist));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    const transferred = async (acceptEncoding: string | undefined) => {
      const context = await browser.newContext(acceptEncoding ? {} : { extraHTTPHeaders: { 'accept-encoding': 'identity' } });
      const page = await context.newPage();
      let bytes = 0;
      page.on('requestfinished', (request) => {
        void request.sizes().then((s) => (bytes += s.responseBodySize + s.responseHeadersSize));
      });
      await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(200);
      await context.close();
      return bytes;
    };
    const compressed = await transferred('br');
    const identity = await transferred(undefined);
    report('home page first load, compressed', Math.round(compressed / 1024), 'KB');
    report('home page first load, uncompressed (baseline)', Math.round(identity / 1024), 'KB');
    report('home page first load compressed / uncompressed', compressed / identity, 'x');
    report('home page first load / 300 KB budget', compressed / BUDGET_BYTES, 'x');
  } finally {
    await browser.close();
    server.close();
  }
}
