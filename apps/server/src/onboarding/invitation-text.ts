/**
 * The ready-to-copy invitation in the account's language: the link and exactly what the
 * customer's Global Admin must do. English is the fallback for languages without a text yet.
 */
const TEXTS: Record<'en' | 'es', (v: { partnerName: string; customerName: string; url: string }) => string> = {
  en: (v) =>
    [
      `Hello,`,
      `${v.partnerName} would like to become the Microsoft Cloud Solution Provider (CSP) of ${v.customerName}.`,
      `1. Sign in to the Microsoft 365 admin center as a Global Administrator of your organisation.`,
      `2. Open this link and accept the invitation: ${v.url}`,
      `3. Tell us your default domain (Settings > Domains, the one marked "Default"), so we can verify the authorization.`,
      `Accepting lets ${v.partnerName} sell Microsoft cloud services to you; it does not give administrative access to your tenant.`,
    ].join('\n\n'),
  es: (v) =>
    [
      `Hola:`,
      `${v.partnerName} desea ser el Cloud Solution Provider (CSP) de Microsoft de ${v.customerName}.`,
      `1. Inicie sesión en el centro de administración de Microsoft 365 como administrador global de su organización.`,
      `2. Abra este enlace y acepte la invitación: ${v.url}`,
      `3. Indíquenos su dominio predeterminado (Configuración > Dominios, el marcado como "Predeterminado") para que podamos verificar la autorización.`,
      `Aceptar permite a ${v.partnerName} venderle servicios en la nube de Microsoft; no le da acceso administrativo a su tenant.`,
    ].join('\n\n'),
};

export function invitationText(language: string | null | undefined, v: { partnerName: string; customerName: string; url: string }): { language: 'en' | 'es'; text: string } {
  const lang = (language ?? 'en').slice(0, 2).toLowerCase() === 'es' ? 'es' : 'en';
  return { language: lang, text: TEXTS[lang](v) };
}
