import { expect, test } from './fixtures';
import { signIn } from './sign-in';

test('the app shell renders with navigation, the company tree and a live system status', async ({ page }) => {
  await signIn(page, 'distributor@demo.test');
  await expect(page.getByRole('heading', { name: 'Welcome to CSP Hub' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(page.getByText('Companies', { exact: true })).toBeVisible();
  await expect(page.getByTestId('status-database')).toContainText('Working');
  await expect(page.getByTestId('status-emulator')).toContainText('Working');
});

test('the interface switches to Spanish and remembers it', async ({ page }) => {
  await page.goto('/');
  // The shell settles once the session check answers (signed out: the sign-in page); a list opened
  // before that can close under the click when the shell re-renders.
  await expect(page.getByRole('heading', { name: 'Sign in to CSP Hub' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en CSP Hub' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en CSP Hub' })).toBeVisible();
});

test('a language list opened while the sign-in form is still loading stays open when the form appears', async ({ page }) => {
  // The sign-in page's code is held back until the list is open, as on a slow connection.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/sign-in-page-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Language' }).click();
  await expect(page.getByRole('option', { name: 'Español' })).toBeVisible();
  release();
  await expect(page.getByRole('heading', { name: 'Sign in to CSP Hub' })).toBeVisible();
  await page.getByRole('option', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en CSP Hub' })).toBeVisible();
  // With nothing else chosen, the e-mail field has the focus.
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Correo electrónico' })).toBeFocused();
});

test('the first load fetches the text of the language in use only; the other arrives on switching', async ({ page }) => {
  const scripts: string[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') void r.text().then((body) => scripts.push(body), () => undefined);
  });
  const fetched = (text: string) => scripts.some((body) => body.includes(text));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to CSP Hub' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  // A response's body is read after the response event, so wait for it rather than look at once.
  await expect.poll(() => fetched('Sign in to CSP Hub')).toBe(true);
  expect(fetched('Iniciar sesión en CSP Hub')).toBe(false);
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en CSP Hub' })).toBeVisible();
  await expect.poll(() => fetched('Iniciar sesión en CSP Hub')).toBe(true);
  // Back in English at once: its text is kept.
  await page.getByRole('combobox', { name: 'Idioma' }).click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to CSP Hub' })).toBeVisible();
});

test('a language that cannot be fetched is said so, the page stays in its language, and choosing it again works', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to CSP Hub' })).toBeVisible();
  // Offline for the Spanish text only.
  await page.route(/\/assets\/es-[^/]*\.js$/, (route) => route.abort('internetdisconnected'));
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Español' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Español could not be loaded. Check your connection and choose it again.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in to CSP Hub' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('English');
  // Back online: the same choice now switches.
  await page.unroute(/\/assets\/es-[^/]*\.js$/);
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en CSP Hub' })).toBeVisible();
});

test('an unknown page says so and links home', async ({ page }) => {
  await signIn(page, 'distributor@demo.test');
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('the built app runs under its Content-Security-Policy without a single violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|apply|execute|connect|frame)/i.test(m.text())) violations.push(m.text());
  });
  // The browser also raises an event for each blocked resource; report it on the console too.
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
  });
  const home = await page.goto('/');
  expect(home?.headers()['content-security-policy']).toContain("script-src 'self'");
  await signIn(page, 'distributor@demo.test');
  await expect(page.getByTestId('status-emulator')).toContainText('Working');
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Español' }).click();
  await page.goto('/no/such/page');
  await page.waitForLoadState('networkidle');
  expect(violations).toEqual([]);
});
