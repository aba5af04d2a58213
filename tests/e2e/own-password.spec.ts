import { expect, test } from './fixtures';
import { DEMO_PASSWORD } from './sign-in';

/** Changing one's own password, forced after an administrator's reset; the back-off in Spanish. */
test('after a reset the person chooses their own password, then changes it again from the user menu', async ({ page, request }) => {
  const email = `own.${Date.now()}@relecloud.example`;
  // An administrator adds the person and resets their password (through the API: the Security tab has its own spec).
  const admin = await (await request.post('/api/v1/auth/login', { data: { email: 'reseller@demo.test', password: DEMO_PASSWORD } })).json();
  const headers = { 'x-csrf-token': admin.csrfToken };
  const added = await (await request.post(`/api/v1/companies/${admin.company.id}/users`, { headers, data: { email, name: 'Own Password', role: 'reseller_operator', password: 'initial-password-1' } })).json();
  const reset = await (await request.post(`/api/v1/companies/${admin.company.id}/users/${added.id}/reset-password`, { headers })).json();

  await page.goto('/');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.locator('input[autocomplete="current-password"]').fill(reset.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Choose your own password' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Change your password' });
  await form.locator('input[autocomplete="current-password"]').fill('not-the-one-I-got');
  await form.locator('input[autocomplete="new-password"]').first().fill('short');
  await expect(form.getByText('Use at least 12 characters.')).toBeVisible();
  await form.locator('input[autocomplete="new-password"]').first().fill('my-very-own-password');
  await form.locator('input[autocomplete="new-password"]').last().fill('my-very-own-password');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('This is not your current password.')).toBeVisible();
  await form.locator('input[autocomplete="current-password"]').fill(reset.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Companies', { exact: true })).toBeVisible();

  // Again, from the user menu: a dialog this time.
  await page.getByTestId('signed-in-company').getByRole('button').click();
  await page.getByRole('menuitem', { name: 'Change password' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change your password' });
  await dialog.locator('input[autocomplete="current-password"]').fill('my-very-own-password');
  await dialog.locator('input[autocomplete="new-password"]').first().fill('and-another-one-please');
  await dialog.locator('input[autocomplete="new-password"]').last().fill('and-another-one-please');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password was changed. Your other sessions were signed out.')).toBeVisible();
  expect((await request.post('/api/v1/auth/login', { data: { email, password: 'and-another-one-please' } })).status()).toBe(200);
});

test('the sign-in page says in Spanish how long to wait after too many failures', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to CSP Hub' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Español' }).click();
  // An address nobody else signs in with: the back-off it triggers must not lock other specs out.
  for (let i = 0; i < 6; i++) {
    await page.getByRole('textbox', { name: 'Correo electrónico' }).fill('guesses-here@demo.test');
    await page.locator('input[autocomplete="current-password"]').fill(`wrong-${i}-password`);
    await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
  }
  await expect(page.getByRole('alert')).toHaveText(/^Demasiados intentos fallidos desde aquí. Vuelva a intentarlo en (30|[12][0-9]) segundos o pida a un administrador que restablezca su contraseña.$/);
});
