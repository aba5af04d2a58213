import { describe, expect, it } from 'vitest';
import { MissingMergeFieldError, renderTemplate, SECRET_MASK, templateLanguageFor } from './render-template';
import { customerAuthorizationRequestTemplate, provisioningCompletedTemplate, provisioningFailedTemplate, welcomeTemplate } from './templates/index';
import { defineTemplate } from './templates/template-definition';

const welcomeFields = {
  recipientName: 'Ana',
  companyName: 'Contoso <Ltd> & "Sons"',
  domain: 'contoso.onmicrosoft.com',
  adminSignInName: 'admin@contoso.onmicrosoft.com',
  temporaryPassword: 'Xy7#pq<9',
  signInUrl: 'https://portal.office.com',
};

describe('renderTemplate', () => {
  it('merges the admin sign-in name and the one-time password into the welcome message', () => {
    const r = renderTemplate(welcomeTemplate, 'en', welcomeFields);
    expect(r.subject).toBe('Your Microsoft tenant contoso.onmicrosoft.com is ready');
    expect(r.text).toContain('Administrator sign-in name: admin@contoso.onmicrosoft.com');
    expect(r.text).toContain('One-time password: Xy7#pq<9');
  });

  it('escapes merged values in HTML, and only there', () => {
    const r = renderTemplate(welcomeTemplate, 'en', welcomeFields);
    expect(r.html).toContain('Contoso &lt;Ltd&gt; &amp; &quot;Sons&quot;');
    expect(r.html).toContain('Xy7#pq&lt;9');
    expect(r.html).not.toContain('<Ltd>');
    expect(r.text).toContain('Contoso <Ltd> & "Sons"');
  });

  it('masks secrets in the copy meant for storage and lists them apart', () => {
    const r = renderTemplate(welcomeTemplate, 'en', welcomeFields);
    expect(r.masked.text).not.toContain('Xy7#pq<9');
    expect(r.masked.html).not.toContain('Xy7#pq');
    expect(r.masked.text).toContain(`One-time password: ${SECRET_MASK}`);
    expect(r.secrets).toEqual({ temporaryPassword: 'Xy7#pq<9' });
  });

  it('speaks Spanish to a Spanish-speaking account (es-MX included)', () => {
    const r = renderTemplate(welcomeTemplate, 'es-MX', welcomeFields);
    expect(r.language).toBe('es');
    expect(r.subject).toBe('Su tenant de Microsoft contoso.onmicrosoft.com está listo');
    expect(r.text).toContain('Contraseña de un solo uso: Xy7#pq<9');
    const done = renderTemplate(provisioningCompletedTemplate, 'es', {
      recipientName: 'Luis',
      companyName: 'Fabrikam',
      domain: 'fabrikam.onmicrosoft.com',
      tenantId: 't-1',
      accountUrl: 'http://localhost/companies/1',
    });
    expect(done.subject).toBe('Aprovisionamiento completado para Fabrikam');
  });

  it('falls back to English for a language without templates', () => {
    expect(templateLanguageFor('de-DE')).toBe('en');
    expect(templateLanguageFor(undefined)).toBe('en');
    expect(renderTemplate(welcomeTemplate, 'fr', welcomeFields).language).toBe('en');
  });

  it('fails loudly on a missing or empty merge field, naming it', () => {
    const { temporaryPassword: _p, ...noPassword } = welcomeFields;
    expect(() => renderTemplate(welcomeTemplate, 'en', noPassword)).toThrow(MissingMergeFieldError);
    expect(() => renderTemplate(welcomeTemplate, 'en', { ...welcomeFields, recipientName: '  ' })).toThrow(/recipientName/);
  });

  it('rejects a merge field the template does not know (a typo)', () => {
    expect(() => renderTemplate(welcomeTemplate, 'en', { ...welcomeFields, temporaryPasword: 'x' })).toThrow(/temporaryPasword/);
  });

  it('keeps the authorization request body fixed around the link', () => {
    const r = renderTemplate(customerAuthorizationRequestTemplate, 'en', {
      customerName: 'Contoso',
      partnerName: 'Northwind Distribution',
      invitationUrl: 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=p',
    });
    expect(r.text).toContain('sign in as a Global Administrator and open this link: https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=p');
    expect(r.html).toContain('invType=ResellerRelationship&amp;partnerId=p');
  });

  it('refuses a template whose text uses an undeclared field', () => {
    expect(() =>
      defineTemplate({ id: 'bad', description: 'x', fields: ['a'], secretFields: [], text: { en: { subject: '{{b}}', paragraphs: [] }, es: { subject: '{{a}}', paragraphs: [] } } }),
    ).toThrow(/\{\{b\}\}/);
  });

  it('names the failed stage in the message language, from its id', () => {
    const fields = { recipientName: 'Ana', companyName: 'Contoso', failedStep: 'check-domain', reason: 'taken', accountUrl: 'http://x' };
    expect(renderTemplate(provisioningFailedTemplate, 'en', fields).text).toContain('stopped at "Check the domain is free": taken');
    expect(renderTemplate(provisioningFailedTemplate, 'es', fields).text).toContain('se detuvo en "Comprobar que el dominio está libre": taken');
    expect(() => renderTemplate(provisioningFailedTemplate, 'en', { ...fields, failedStep: 'no-such-step' })).toThrow(/no en text for failedStep "no-such-step"/);
  });
});
