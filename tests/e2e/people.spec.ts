import { expect, test } from './fixtures';
import { signIn } from './sign-in';

test('a reseller admin adds a person, changes their role, resets their password (shown once) and disables them, all in the audit log', async ({ page, request }) => {
  const email = `pat.${Date.now()}@relecloud.example`;
  await signIn(page, 'reseller@demo.test');
  // The tree's root is the reseller's own company: its name opens the page, the button beside it folds.
  const tree = page.getByRole('navigation', { name: 'Companies' });
  await tree.getByRole('button', { name: 'Fold Relecloud Iberia' }).click();
  await expect(tree.getByRole('link', { name: /Graphic Design Institute/ })).toBeHidden();
  await tree.getByRole('button', { name: 'Unfold Relecloud Iberia' }).click();
  await expect(tree.getByRole('link', { name: /Graphic Design Institute/ })).toBeVisible();
  await tree.getByRole('link', { name: /Relecloud Iberia/ }).click();
  await expect(page).toHaveURL(/\/companies\/\d+$/);
  await expect(page.getByRole('heading', { name: /Relecloud Iberia/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Security' }).click();
  const users = page.getByTestId('users-table');

  // The admin's own row offers no actions, and says why.
  await expect(users.getByTestId('user-reseller@demo.test').getByRole('button', { name: /You cannot change your own role or status/ })).toBeVisible();

  // Add a person: checked while typing, sent with the keyboard.
  await page.getByRole('button', { name: 'Add user' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  const emailBox = dialog.getByRole('textbox', { name: 'E-mail' });
  await emailBox.fill('pat@');
  await expect(dialog.getByText('Enter an e-mail address like name@company.com.')).toBeVisible();
  await emailBox.fill('reseller@demo.test');
  await expect(dialog.getByText('This person is already a user of this company.')).toBeVisible();
  await emailBox.fill(email);
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Pat Example');
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Reseller operator' }).click();
  await dialog.getByLabel('Initial password').fill('short');
  await expect(dialog.getByText('Use at least 12 characters.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(dialog.getByText('Use at least 12 characters.')).toBeHidden();
  await dialog.getByRole('textbox', { name: 'Name' }).press('Enter');
  await expect(dialog).toBeHidden();
  const row = users.getByTestId(`user-${email}`);
  await expect(row.getByTestId('user-role')).toHaveText('Reseller operator');
  await expect(row.getByTestId('user-status')).toHaveText('Active');
  await expect(row).toContainText('Never');

  // Change the role: only roles a reseller can hold and the admin can give are offered.
  await row.getByRole('button', { name: 'Actions for Pat Example' }).click();
  await page.getByRole('menuitem', { name: 'Change role' }).click();
  const roleDialog = page.getByRole('dialog', { name: 'Change the role of Pat Example' });
  await roleDialog.getByRole('combobox', { name: 'Role' }).click();
  await expect(page.getByRole('option', { name: 'Customer admin' })).toHaveCount(0);
  await page.getByRole('option', { name: 'Read-only billing' }).click();
  await roleDialog.getByRole('button', { name: 'Save' }).click();
  await expect(roleDialog).toBeHidden();
  await expect(row.getByTestId('user-role')).toHaveText('Read-only billing');

  // Reset the password: the one-time password is shown once, and it works.
  await row.getByRole('button', { name: 'Actions for Pat Example' }).click();
  await page.getByRole('menuitem', { name: 'Reset password' }).click();
  const resetDialog = page.getByRole('dialog', { name: 'Reset the password of Pat Example?' });
  await resetDialog.getByRole('button', { name: 'Reset password' }).click();
  const shown = page.getByRole('dialog', { name: 'New password for Pat Example' });
  await expect(shown).toContainText('shown only this once');
  const password = (await shown.getByTestId('one-time-password').textContent())!.trim();
  expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
  await shown.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByTestId('one-time-password')).toHaveCount(0);
  await expect(page.getByText(password)).toHaveCount(0);
  const signInWith = (pw: string) => request.post('/api/v1/auth/login', { data: { email, password: pw } });
  expect((await signInWith(password)).status()).toBe(200);

  // Disable, after confirming: the person can no longer sign in.
  await row.getByRole('button', { name: 'Actions for Pat Example' }).click();
  await page.getByRole('menuitem', { name: 'Disable' }).click();
  const confirm = page.getByRole('dialog', { name: 'Disable Pat Example?' });
  await expect(confirm).toContainText(`${email} will be signed out everywhere at once`);
  await confirm.getByRole('button', { name: 'Disable user' }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByTestId('user-status')).toHaveText('Disabled');
  expect((await signInWith(password)).status()).toBe(401);

  await page.getByRole('tab', { name: 'Audit log' }).click();
  const audit = page.getByTestId('audit-table');
  await expect(audit).toContainText(`Added ${email} as reseller operator`);
  await expect(audit).toContainText(`Changed the role of ${email} from reseller operator to billing reader`);
  await expect(audit).toContainText(`Reset the password of ${email} and ended their sessions`);
  await expect(audit).toContainText(`Disabled ${email}`);
  await expect(audit).not.toContainText(password);
});
