import { STACK_DEMO_PASSWORD } from '@csphub/testing';
import { expect, type Page } from '@playwright/test';

/** The demo users' password: the test stack fixes it with CSPHUB_DEMO_PASSWORD (see @csphub/testing). */
export const DEMO_PASSWORD = STACK_DEMO_PASSWORD;

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.locator('input[autocomplete="current-password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in-company')).not.toContainText('Not signed in');
}
