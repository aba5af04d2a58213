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
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en CSP Hub' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en CSP Hub' })).toBeVisible();
});

test('an unknown page says so and links home', async ({ page }) => {
  await signIn(page, 'distributor@demo.test');
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page).toHaveURL(/\/$/);
});
