import type { Context, Hono } from 'hono';
import { EmulatorMount } from '@csphub/partner-center/wire';
import type { AppEnv } from '../protocol/app-env';
import type { EmulatorRuntime } from '../runtime';
import { currentMcaTemplate } from '../engine/agreements.engine';
import { decideAttestation, findAttestation } from '../engine/attestations.engine';
import type { AttestationRecord } from '../engine/emulator-state';
import { escapeHtml, page } from './html';

type Lang = 'en' | 'es';

const TEXT: Record<Lang, Record<string, string>> = {
  en: {
    title: 'Microsoft Customer Agreement',
    heading: 'Review and accept the Microsoft Customer Agreement',
    intro: '{partner} asks you to accept the Microsoft Customer Agreement on behalf of {company}.',
    signatory: 'Signatory',
    company: 'Company',
    country: 'Country',
    version: 'Agreement version',
    read: 'Read the Microsoft Customer Agreement',
    confirm: 'I am authorized to accept this agreement on behalf of {company}, and I have read and accept the Microsoft Customer Agreement.',
    accept: 'Accept',
    decline: 'Decline',
    accepted: 'You accepted the Microsoft Customer Agreement.',
    declined: 'You declined the Microsoft Customer Agreement.',
    acceptedNote: 'Your partner has been informed and can now complete your order. You can close this page.',
    declinedNote: 'Your partner cannot complete orders for {company} until the agreement is accepted. Contact your partner to be asked again.',
    already: 'This request was already answered.',
    notFound: 'This agreement link is not valid.',
    mustConfirm: 'Tick the box to confirm before accepting.',
  },
  es: {
    title: 'Contrato de cliente de Microsoft',
    heading: 'Revise y acepte el Contrato de cliente de Microsoft',
    intro: '{partner} le pide que acepte el Contrato de cliente de Microsoft en nombre de {company}.',
    signatory: 'Firmante',
    company: 'Empresa',
    country: 'País',
    version: 'Versión del contrato',
    read: 'Leer el Contrato de cliente de Microsoft',
    confirm: 'Estoy autorizado para aceptar este contrato en nombre de {company}, y he leído y acepto el Contrato de cliente de Microsoft.',
    accept: 'Aceptar',
    decline: 'Rechazar',
    accepted: 'Ha aceptado el Contrato de cliente de Microsoft.',
    declined: 'Ha rechazado el Contrato de cliente de Microsoft.',
    acceptedNote: 'Su partner ha sido informado y ya puede completar su pedido. Puede cerrar esta página.',
    declinedNote: 'Su partner no podrá completar pedidos para {company} hasta que se acepte el contrato. Pida a su partner que se lo solicite de nuevo.',
    already: 'Esta solicitud ya fue respondida.',
    notFound: 'Este enlace del contrato no es válido.',
    mustConfirm: 'Marque la casilla para confirmar antes de aceptar.',
  },
};

function langOf(c: Context<AppEnv>, record: AttestationRecord | undefined): Lang {
  const asked = (c.req.query('language') ?? record?.language ?? 'en').toLowerCase();
  return asked.startsWith('es') ? 'es' : 'en';
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => escapeHtml(values[k] ?? ''));
}

/**
 * Plays Microsoft's embeddable MCA component for an enhanced attestation (docs/PARTNER-CENTER-REFERENCE.md
 * §5.5): the signatory opens the link, reads the agreement, ticks the confirmation and accepts, or
 * declines. English and Spanish, from the attestation's language or `?language=`. The decision is
 * what `GET /v1/attestations/enhanced/{id}` then answers.
 */
export function registerMcaAcceptanceRoutes(app: Hono<AppEnv>, runtime: EmulatorRuntime): void {
  const engine = () => runtime.engine;
  const base = `${EmulatorMount.mcaComponent}/acceptance/:id`;

  app.get(base, (c) => {
    runtime.tick();
    const record = findAttestation(engine(), c.req.param('id') ?? '');
    const lang = langOf(c, record);
    const t = TEXT[lang];
    if (!record) return page(t.title!, `<h1 class="err">${escapeHtml(t.notFound!)}</h1>`, 404, lang);
    const partner = engine().partnerByTenant(record.partnerTenantId);
    const values = { partner: partner?.name ?? 'Your partner', company: record.companyName };
    const details = `<dl><dt>${t.signatory}</dt><dd id="signatory">${escapeHtml(`${record.signatoryFirstName} ${record.signatoryLastName}`)} (${escapeHtml(record.signatoryEmail)})</dd>
<dt>${t.company}</dt><dd>${escapeHtml(record.companyName)}</dd><dt>${t.country}</dt><dd>${escapeHtml(record.country)}</dd>
<dt>${t.version}</dt><dd id="template">${escapeHtml(record.templateId ?? currentMcaTemplate(engine()).templateId)}</dd></dl>`;
    if (record.status !== 'Pending') {
      const done = record.status === 'Accepted' ? t.accepted! : t.declined!;
      return page(t.title!, `<h1 class="${record.status === 'Accepted' ? 'ok' : 'err'}" id="status">${escapeHtml(done)}</h1><p class="note">${escapeHtml(t.already!)}</p>${details}`, 200, lang);
    }
    return page(
      t.title!,
      `<h1>${escapeHtml(t.heading!)}</h1><p>${fill(t.intro!, values)}</p>${details}
<p><a href="https://aka.ms/customeragreement" target="_blank" rel="noopener">${escapeHtml(t.read!)}</a></p>
<form method="post" action="${EmulatorMount.mcaComponent}/acceptance/${escapeHtml(record.attestationId)}?language=${lang}">
<p><label><input type="checkbox" name="confirm" value="yes"> ${fill(t.confirm!, values)}</label></p>
<p><button type="submit" name="decision" value="accept">${escapeHtml(t.accept!)}</button>
<button type="submit" name="decision" value="decline" style="background:#605e5c">${escapeHtml(t.decline!)}</button></p></form>`,
      200,
      lang,
    );
  });

  app.post(base, async (c) => {
    try {
      const form = await c.req.parseBody();
      const record = findAttestation(engine(), c.req.param('id') ?? '');
      const lang = langOf(c, record);
      const t = TEXT[lang];
      if (!record) return page(t.title!, `<h1 class="err">${escapeHtml(t.notFound!)}</h1>`, 404, lang);
      const decision = form['decision'] === 'decline' ? 'decline' : 'accept';
      if (decision === 'accept' && form['confirm'] !== 'yes' && record.status === 'Pending') {
        return page(t.title!, `<h1 class="err">${escapeHtml(t.mustConfirm!)}</h1><p><a href="${EmulatorMount.mcaComponent}/acceptance/${escapeHtml(record.attestationId)}?language=${lang}">${escapeHtml(t.heading!)}</a></p>`, 400, lang);
      }
      decideAttestation(engine(), record.attestationId, decision);
      const values = { company: record.companyName };
      const ok = record.status === 'Accepted';
      return page(t.title!, `<h1 class="${ok ? 'ok' : 'err'}" id="status">${escapeHtml(ok ? t.accepted! : t.declined!)}</h1><p>${fill(ok ? t.acceptedNote! : t.declinedNote!, values)}</p>`, 200, lang);
    } finally {
      runtime.afterRequest();
    }
  });
}
