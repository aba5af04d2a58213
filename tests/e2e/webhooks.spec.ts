import { expect, test } from './fixtures';
import { signIn } from './sign-in';

test('a reseller administrator adds a webhook, sees its secret once, and its empty delivery log; in Spanish too', async ({ page }) => {
  await signIn(page, 'reseller@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Endpoint URL' }).fill('http://hooks.example.com/csphub');
  await page.getByRole('combobox', { name: 'Events' }).click();
  await page.getByRole('option', { name: 'tenant.ready' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Add subscription' }).click();
  // Not https: refused, naming the URL.
  await expect(page.getByRole('alert')).toContainText('URL');
  await page.getByRole('textbox', { name: 'Endpoint URL' }).fill('https://hooks.example.com/csphub');
  await page.getByRole('button', { name: 'Add subscription' }).click();
  await expect(page.getByTestId('webhook-secret')).toContainText('whsec_');
  const card = page.getByTestId('webhook-subscription').filter({ hasText: 'https://hooks.example.com/csphub' });
  await expect(card).toBeVisible();
  await expect(card.getByText('No deliveries yet.')).toBeVisible();

  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Español' }).click();
  await expect(card.getByText('Todavía no hay entregas.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Añadir suscripción' })).toBeVisible();
});

test('the API reference renders the OpenAPI document under its Content-Security-Policy', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|apply|execute|connect|frame)/i.test(m.text())) violations.push(m.text());
  });
  await page.goto('/api/docs');
  await expect(page.getByText('CSP Hub API').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Authentication').first()).toBeVisible();
  expect(violations).toEqual([]);
});
