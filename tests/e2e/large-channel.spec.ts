import { test, expect } from './fixtures';
import { signIn } from './sign-in';

/**
 * A distributor with 20,000 more companies (the demo grown with CSPHUB_DEMO_SCALE: 100 generated
 * resellers of 199 customers each, inserted by two set-based statements at the stack's first start):
 * the side bar shows the tree without reading it whole, the search finds a company by name and by
 * domain on the server, and its page opens. The stack is this spec's own (its `stackEnv`), so the
 * other specs' stack stays the small demo.
 */
test.use({ stackEnv: { CSPHUB_DEMO_SCALE: '20000' } });
test.setTimeout(180_000);

test('a distributor with 20,000 more companies browses the tree, finds a company by name and by domain, and opens it', async ({ page }) => {
  await signIn(page, 'distributor@demo.test');
  const tree = page.getByRole('navigation', { name: 'Companies' });
  // The demo's own resellers open by themselves; the generated ones (200 companies each) stay closed.
  // The first page of a fresh stack also computes the channel's readiness over all 20,000 companies
  // (kept afterwards), on the same embedded database that answers the branches: give it 30 s.
  await expect(tree.getByRole('link', { name: /Graphic Design Institute/ })).toBeVisible({ timeout: 30_000 });
  const scaleReseller = tree.getByRole('link', { name: /Scale Reseller 00042/ });
  await scaleReseller.scrollIntoViewIfNeeded();
  await expect(scaleReseller).toBeVisible();
  await expect(tree.getByRole('link', { name: /Scale Customer/ })).toHaveCount(0);
  // Opening one branch reads that branch only, and draws its 199 customers.
  await page.getByRole('button', { name: 'Unfold Scale Reseller 00042' }).click();
  await expect(tree.getByRole('link', { name: /Scale Customer 08160/ })).toBeVisible();
  expect(await page.locator('[data-testid^="tree-node-"]').count()).toBeLessThan(150);

  const search = page.getByRole('textbox', { name: 'Search companies' });
  await search.fill('Scale Customer 17321');
  const byName = page.getByRole('navigation', { name: 'Companies' }).getByRole('link', { name: /Scale Customer 17321/ });
  await expect(byName).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Companies' }).getByRole('link')).toHaveCount(1);

  await search.fill('scale04321.example');
  const byDomain = page.getByRole('navigation', { name: 'Companies' }).getByRole('link', { name: /Scale Customer 04321/ });
  await expect(byDomain).toBeVisible();
  await byDomain.click();
  await expect(page.getByRole('heading', { level: 1, name: /Scale Customer 04321/ })).toBeVisible();
  await expect(page).toHaveURL(/\/companies\/\d+$/);
});
