import { test, expect } from './fixtures';
import { signIn } from './sign-in';

/**
 * A distributor with 2,000 more companies (the demo grown with CSPHUB_DEMO_SCALE): the side bar shows
 * the tree without reading it whole, the search finds a company by name and by domain, and its
 * page opens. 2,000 is ten generated resellers of 199 customers each: one open branch and the rest
 * of the tree are more rows than the side bar may draw (fewer than 150), so the virtualised tree is
 * proved as well as at 20,000, without seeding ten times the rows; the repositories' behaviour at
 * scale is tested in apps/server/test/demo-scale.test.ts.
 */
test.use({ stackEnv: { CSPHUB_DEMO_SCALE: '2000' } });
test.setTimeout(180_000);

test('a distributor with 2,000 more companies browses the tree, finds a company by name and by domain, and opens it', async ({ page }) => {
  await signIn(page, 'distributor@demo.test');
  const tree = page.getByRole('navigation', { name: 'Companies' });
  // The demo's own resellers open by themselves; the generated ones (200 companies each) stay closed.
  await expect(tree.getByRole('link', { name: /Graphic Design Institute/ })).toBeVisible();
  const scaleReseller = tree.getByRole('link', { name: /Scale Reseller 00007/ });
  await scaleReseller.scrollIntoViewIfNeeded();
  await expect(scaleReseller).toBeVisible();
  await expect(tree.getByRole('link', { name: /Scale Customer/ })).toHaveCount(0);
  // Opening one branch reads that branch only, and draws its 199 customers.
  await page.getByRole('button', { name: 'Unfold Scale Reseller 00007' }).click();
  await expect(tree.getByRole('link', { name: /Scale Customer 01195/ })).toBeVisible();
  expect(await page.locator('[data-testid^="tree-node-"]').count()).toBeLessThan(150);

  const search = page.getByRole('textbox', { name: 'Search companies' });
  await search.fill('Scale Customer 01732');
  const byName = page.getByRole('navigation', { name: 'Companies' }).getByRole('link', { name: /Scale Customer 01732/ });
  await expect(byName).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Companies' }).getByRole('link')).toHaveCount(1);

  await search.fill('scale00432.example');
  const byDomain = page.getByRole('navigation', { name: 'Companies' }).getByRole('link', { name: /Scale Customer 00432/ });
  await expect(byDomain).toBeVisible();
  await byDomain.click();
  await expect(page.getByRole('heading', { level: 1, name: /Scale Customer 00432/ })).toBeVisible();
  await expect(page).toHaveURL(/\/companies\/\d+$/);
});
