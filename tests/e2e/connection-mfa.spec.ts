import { test, expect } from './fixtures';
import { DEMO_PASSWORD } from './sign-in';

/**
 * A connection whose refresh token lacks the MFA claim (docs/PARTNER-CENTER-REFERENCE.md §1.2): the
 * connections page says so, and the re-consent (Microsoft's sign-in page, played by the emulator,
 * with MFA) replaces the refresh token and clears the warning.
 */
test('the connections page shows a missing MFA claim and re-consent fixes it', async ({ page, stack, emulator }) => {
  // CSP Hub's public URL is http://localhost:<port>: sign in there, so that the session cookie
  // comes along when Microsoft's sign-in page sends the browser back.
  const origin = new URL(stack.url);
  origin.hostname = 'localhost';
  await emulator.setRefreshTokenMfa({ partner: 'distributor-latam', mfa: false });

  await page.goto(origin.toString());
  await page.getByRole('textbox', { name: 'E-mail' }).fill('distributor@demo.test');
  await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in-company')).not.toContainText('Not signed in');
  await page.getByRole('link', { name: 'Partner Center connections' }).click();

  const card = page.getByTestId('connection-Contoso LATAM (indirect)');
  await expect(card.getByTestId('health-refresh-token')).toContainText('expires about');
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(card.getByTestId('health-mfa')).toHaveAttribute('data-state', 'missing', { timeout: 20_000 });
  await expect(card.getByTestId('health-mfa')).toContainText('MFA claim missing');
  await expect(card.getByTestId('test-result')).toContainText('Re-consent');

  await card.getByTestId('reconsent').click();
  // Microsoft's sign-in page (the emulator's), then back to CSP Hub.
  await expect(page.getByRole('heading', { name: 'Sign in to consent the app' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in with multi-factor authentication' }).click();
  await expect(page.getByTestId('consent-outcome')).toContainText('Re-consent done', { timeout: 20_000 });

  await page.getByRole('link', { name: 'Back to connections' }).click();
  await expect(card.getByTestId('health-mfa')).toHaveAttribute('data-state', 'ok');
  await expect(card.getByTestId('test-result')).toContainText('Everything works');
});
