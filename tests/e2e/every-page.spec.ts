import AxeBuilder from '@axe-core/playwright';
import type { Page, Request } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { signIn } from './sign-in';

/**
 * The acceptance walk: every page of the web app, in English and in Spanish, as a distributor
 * admin, a reseller admin and a customer admin. A page fails when it shows
 * - a message key instead of its text (the i18n fallback shows the key, e.g. `company.tab.audit`),
 * - a workflow step's id instead of its name (`notify-linked`),
 * - developer text meant for logs or API clients (validator output, Partner Center operation
 *   names, HTTP statuses, `undefined`, `[object Object]`),
 * or when axe-core finds a serious or critical accessibility violation (WCAG 2 A and AA).
 */

/** The first segment of every message key of the web app, read from its English catalogues. */
const NAMESPACES = messageNamespaces(path.resolve('apps/web/src'));

function messageNamespaces(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) for (const n of messageNamespaces(full)) found.add(n);
    else if (/messages\.en\.ts$/.test(entry.name) || full.endsWith(path.join('i18n', 'messages', 'en.ts'))) {
      for (const m of fs.readFileSync(full, 'utf8').matchAll(/^\s*'([a-zA-Z]+)\.[^']+':/gm)) found.add(m[1]!);
    }
  }
  return found;
}
const KEY_SHAPED = /^[a-z][a-zA-Z]*(\.[a-zA-Z0-9_-]+)+$/;
const DEVELOPER_TEXT = [
  /The request (json|query|param|body) is not valid/,
  /Invalid input: expected/,
  /\b[a-z]+\.[a-z][a-zA-Z]+ failed\b/, // a Partner Center operation name, e.g. customers.createForReseller failed
  /\bHTTP \d{3}\b/,
  /\bundefined\b/,
  /\bNaN\b/,
  /\[object Object\]/,
  /\b[A-Z][a-z]+Error\b/, // TypeError, PartnerCenterError...
  /\{\w+\}/, // a placeholder left unfilled
];

/**
 * Run in the page (a string: the tests' TypeScript has no DOM types): every visible text node
 * outside code and details lines marked `data-raw-text`, the labels a screen reader reads, and
 * the timeline's step titles with their ids.
 */
const PAGE_TEXTS = `(() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script,style,code,pre,[data-raw-text]')) continue;
    const text = (n.textContent || '').trim();
    if (text) texts.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label],[placeholder],[title]')) {
    for (const attr of ['aria-label', 'placeholder', 'title']) {
      const v = el.getAttribute(attr);
      if (v) texts.push(v.trim());
    }
  }
  const steps = Array.from(document.querySelectorAll('[data-step]')).map((el) => ({ id: el.getAttribute('data-step') || '', text: (el.textContent || '').trim() }));
  return { texts, steps };
})()`;

interface Finding {
  page: string;
  problem: string;
}

/** Text problems on the page as it is now (visible text nodes and the timeline's step titles). */
async function textProblems(page: Page, where: string): Promise<Finding[]> {
  const { texts, steps } = (await page.evaluate(PAGE_TEXTS)) as { texts: string[]; steps: { id: string; text: string }[] };
  const found: Finding[] = [];
  for (const text of texts) {
    if (KEY_SHAPED.test(text) && NAMESPACES.has(text.split('.')[0]!)) found.push({ page: where, problem: `message key shown: ${text}` });
    for (const re of DEVELOPER_TEXT) if (re.test(text)) found.push({ page: where, problem: `developer text (${re.source}): ${text.slice(0, 160)}` });
  }
  for (const s of steps) if (s.id && s.text.startsWith(s.id)) found.push({ page: where, problem: `step id shown instead of its name: ${s.id}` });
  return found;
}

/**
 * axe-core's serious and critical violations on the page as it is now. It runs in the page itself
 * (legacy mode: the app has no frames, so none is left out) rather than merging partial results in
 * a blank page opened for each run; it gathers the violations only (the passes and incomplete
 * checks, which nothing here reads, are not collected); and a document that already holds axe-core
 * (a tab clicked on the same page) is not sent its source again.
 */
async function axeProblems(page: Page, where: string): Promise<Finding[]> {
  const injected = (await page.evaluate('typeof window.axe === "object"')) as boolean;
  const result = await new AxeBuilder({ page, ...(injected ? { axeSource: ';' } : {}) })
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode()
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: where, problem: `axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})` }));
}

/**
 * Run before the app's scripts (an init script): counts the page's reads, each fetch until its
 * answer's body is read, so `settle` knows when none is on its way.
 */
const COUNT_READS = `(() => {
  if (window.__reads) return;
  const reads = { pending: 0, started: 0 };
  window.__reads = reads;
  const count = (p) => {
    reads.pending++;
    reads.started++;
    p.then(() => reads.pending--, () => reads.pending--);
    return p;
  };
  const fetch = window.fetch;
  window.fetch = function (...args) { return count(fetch.apply(this, args)); };
  for (const m of ['json', 'text', 'arrayBuffer', 'blob']) {
    const read = Response.prototype[m];
    Response.prototype[m] = function () { return count(read.call(this)); };
  }
})()`;

/**
 * Run in the page: true when no read is on its way, none started while two frames were drawn (the
 * render of an answer starts the next read within them) and no loader shows.
 */
const QUIET = `new Promise((resolve) => {
  const reads = window.__reads;
  if (!reads) return resolve(false);
  const started = reads.started;
  const idle = reads.pending === 0;
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(idle && reads.pending === 0 && reads.started === started && !document.querySelector('.mantine-Loader-root'))));
})`;

/** The requests on their way, per page watched (`watchLoading`): scripts of lazy chunks included. */
const onTheirWay = new WeakMap<Page, Set<Request>>();

/** Counts the page's requests and reads from its next document on, for `settle`. */
async function watchLoading(page: Page): Promise<void> {
  const open = new Set<Request>();
  page.on('request', (r) => open.add(r));
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  onTheirWay.set(page, open);
  await page.addInitScript({ content: COUNT_READS });
}

/**
 * Waits until the page has settled: no request on its way, no read pending, no loader, and still so
 * two frames later (a condition, not a pause: the 500 ms of quiet that "network idle" waits for on
 * every page, and its 5 s on pages that poll, are gone). A page that never settles (a loader that
 * stays) is checked as it is after 15 s, as before.
 */
async function settle(page: Page): Promise<void> {
  const open = onTheirWay.get(page)!;
  await expect
    .poll(async () => open.size === 0 && ((await page.evaluate(QUIET)) as boolean) && open.size === 0, { timeout: 15_000, intervals: [50] })
    .toBe(true)
    .catch(() => undefined);
}

/**
 * Text is checked on every page in both languages. Axe runs on every page of the English walks; the
 * Spanish walks run it on the home page only (the document's language, `lang`): colour, structure
 * and names do not change with the language, and axe is most of a walk's time.
 */
async function check(page: Page, where: string, findings: Finding[], axe: boolean): Promise<void> {
  await settle(page);
  const found = [...(await textProblems(page, where)), ...(axe ? await axeProblems(page, where) : [])];
  // Reported as found, so a slow walk still tells what it saw before any timeout.
  for (const f of found) console.log(`[every-page] ${f.page}: ${f.problem}`);
  findings.push(...found);
}

/** The pages a person reaches from the navigation, plus their companies' pages with every tab and the order wizard. */
async function walk(page: Page, companies: RegExp[], findings: Finding[], axeEverywhere: boolean): Promise<void> {
  await page.goto('/');
  await check(page, '/', findings, true);
  const nav = page.getByRole('navigation', { name: /^(Main navigation|Navegación principal)$/ });
  // The navigation's own entries (the company tree inside it is walked below).
  const links = await nav.getByRole('link').evaluateAll((els) => [...new Set(els.map((e) => (e as { getAttribute(name: string): string | null }).getAttribute('href') ?? '').filter((h) => h.startsWith('/') && !h.startsWith('/companies/')))]);
  expect(links.length).toBeGreaterThan(1);
  // The home page was checked above: its entry opens the same page.
  for (const href of links.filter((h) => h !== '/')) {
    await page.goto(href);
    await check(page, href, findings, axeEverywhere);
  }
  const tree = (await (await page.request.get('/api/v1/companies/tree')).json()) as { nodes: { id: number; name: string }[] };
  for (const name of companies) {
    const node = tree.nodes.find((n) => name.test(n.name));
    expect(node, `a company matching ${name}`).toBeTruthy();
    const href = `/companies/${node!.id}`;
    await page.goto(href);
    await check(page, href, findings, axeEverywhere);
    const tabs = await page.getByRole('tab').count();
    for (let i = 0; i < tabs; i++) {
      const tab = page.getByRole('tab').nth(i);
      // The tab the page opens on was checked with the page.
      if ((await tab.getAttribute('aria-selected')) === 'true') continue;
      await tab.click();
      await check(page, `${href} tab ${(await tab.textContent()) ?? i}`, findings, axeEverywhere);
    }
    await page.goto(`${href}/new-service`);
    await check(page, `${href}/new-service`, findings, axeEverywhere);
  }
  await page.goto('/no-such-page');
  await check(page, '/no-such-page', findings, axeEverywhere);
}

// Each walk only reads, so the walks may run in both workers at once.
test.describe.configure({ mode: 'parallel' });

const PEOPLE = [
  { email: 'distributor@demo.test', companies: [/^Contoso Distribution/, /Adatum/, /Wingtip Toys/] },
  { email: 'reseller@demo.test', companies: [/^Relecloud Iberia/, /Humongous Insurance/] },
  { email: 'customer@demo.test', companies: [/Humongous Insurance/] },
];

for (const locale of ['en', 'es'] as const) {
  for (const person of PEOPLE) {
    test(`every page speaks ${locale} to ${person.email}: no message keys, no developer text, no serious accessibility violation`, async ({ page }) => {
      test.setTimeout(600_000);
      await watchLoading(page);
      await signIn(page, person.email);
      await page.evaluate(`localStorage.setItem('csphub.locale', ${JSON.stringify(locale)})`);
      const findings: Finding[] = [];
      await walk(page, person.companies, findings, locale === 'en');
      expect(findings, `${findings.map((f) => `${f.page}: ${f.problem}`).join('\n')}`).toEqual([]);
    });
  }
}

test('the sign-in page, in both languages, has no message keys and no serious accessibility violation', async ({ page }) => {
  const findings: Finding[] = [];
  await watchLoading(page);
  for (const locale of ['en', 'es']) {
    await page.goto('/');
    await page.evaluate(`localStorage.setItem('csphub.locale', ${JSON.stringify(locale)})`);
    await page.reload();
    await check(page, `sign-in (${locale})`, findings, true);
  }
  expect(findings, findings.map((f) => `${f.page}: ${f.problem}`).join('\n')).toEqual([]);
});
