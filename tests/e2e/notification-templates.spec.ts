import { expect, test } from './fixtures';
import { signIn } from './sign-in';

test('the distributor edits the Spanish welcome, previews it live, sends a test and finds it in the outbox, then resets it', async ({ page }) => {
  await signIn(page, 'distributor@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { name: 'Notification wording', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Notification' })).toHaveValue('Welcome with the administrator’s credentials');
  await page.getByRole('radiogroup', { name: 'Message language' }).getByText('Spanish').click();
  const subject = page.getByRole('textbox', { name: 'Subject' });
  await expect(subject).toHaveValue('Su tenant de Microsoft {{domain}} está listo');
  await expect(page.getByTestId('merge-fields')).toContainText('{{temporaryPassword}}');

  // An unknown merge field: named under the subject as it is typed; the preview refuses it too.
  await subject.fill('Bienvenida a {{compania}}');
  await expect(page.getByText('Not a merge field of this message: {{compania}}')).toBeVisible();
  const preview = page.getByTestId('template-preview');
  await expect(preview.getByRole('alert')).toContainText('Subject');
  // A real one: the preview fills it with sample data.
  await subject.fill('Bienvenida de prueba: {{companyName}}');
  await expect(preview).toContainText('Subject: Bienvenida de prueba: Contoso Ejemplo S.L.');
  await expect(preview).toContainText('contosoejemplo.onmicrosoft.com');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('wording-source')).toContainText('Your wording');

  await page.getByRole('button', { name: 'Send me a test' }).click();
  await expect(page.getByText('A test message with sample data went to distributor@demo.test.')).toBeVisible();
  await page.goto('/outbox');
  const sent = page.getByTestId('outbox-message').filter({ hasText: 'Bienvenida de prueba: Contoso Ejemplo S.L.' });
  await expect(sent.first()).toBeVisible();
  await expect(sent.first()).toContainText('distributor@demo.test');

  // Reset to the default.
  await page.goBack();
  await page.getByRole('radiogroup', { name: 'Message language' }).getByText('Spanish').click();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Reset to default' }).click();
  await expect(page.getByTestId('wording-source')).toHaveText('Default wording');
  await expect(page.getByRole('textbox', { name: 'Subject' })).toHaveValue('Su tenant de Microsoft {{domain}} está listo');

  // The authorization request's legal wording is locked.
  await page.getByRole('combobox', { name: 'Notification' }).click();
  await page.getByRole('option', { name: 'Reseller relationship request to a customer' }).click();
  await expect(page.getByText('This message’s wording is fixed (legal text) and cannot be changed.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
});
