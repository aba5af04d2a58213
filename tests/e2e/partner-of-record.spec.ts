import { expect, test } from './fixtures';
import { signIn } from './sign-in';

// Partner of record by location (docs/PARTNER-CENTER-REFERENCE.md §7.1): the demo's Fourth Coffee has
// an expired partner-of-record authorization in the emulator scenario.
test('the distributor revalidates the resellers and sees Fourth Coffee marked, with Microsoft’s reason, on its page and in the tree', async ({ page }) => {
  await signIn(page, 'distributor@demo.test');
  const tree = page.getByRole('navigation', { name: 'Companies' });
  await page.getByRole('textbox', { name: 'Search companies' }).fill('fourth');
  await tree.getByRole('link', { name: /Fourth Coffee/ }).click();
  await expect(page.getByRole('button', { name: 'Edit Partner Location ID (PLA)' })).toBeVisible();

  const section = page.getByTestId('partner-of-record');
  await section.getByRole('button', { name: 'Revalidate all resellers now' }).click();
  await expect(section.getByRole('status')).toContainText(/Checked \d+ resellers/);
  await expect(section.getByTestId('por-badge')).toHaveAttribute('data-status', 'ineligible');
  await expect(section).toContainText('Not accepted by Microsoft');
  await expect(section).toContainText(/Microsoft 900400: .*expired/);
  await expect(tree.getByTestId('por-badge')).toHaveAttribute('data-status', 'ineligible');
});

test('reseller staff see their own Partner Location ID read-only and its verdict', async ({ page }) => {
  await signIn(page, 'reseller@demo.test');
  await page.getByRole('navigation', { name: 'Companies' }).getByRole('link', { name: /Relecloud Iberia/ }).first().click();
  await expect(page.getByTestId('partner-of-record')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit Partner Location ID (PLA)' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Revalidate all resellers now' })).toHaveCount(0);
});
