import { useCallback } from 'react';
import { Alert, Checkbox, Divider, Select, Stack, Text, TextInput } from '@mantine/core';
import { GDAP_AUTO_EXTEND_DAYS } from '@csphub/domain';
import { useI18n } from '../../i18n/i18n';
import { DomainPrefixField } from './domain-prefix-field';
import { ExistingTenantPanel } from './existing-tenant-panel';
import { McaSignatoryFields } from './mca-signatory-fields';
import type { DomainCheck, OnboardingContext, OpenAuthorization, PartnerIdVerdict, VerifyResult } from '@csphub/server/contract';
import { PartnerIdField } from './partner-id-field';
import { chosenGdapTemplate, gdapTemplatesOf, isAdminSetUpPossible, isAdminUsernameValid, switchConnection, tenantDomainOf, type WizardState } from './wizard-state';

/**
 * Configuration: the connection, the existing-tenant switch, and then either the new
 * tenant's fields (prefix checked live, culture, admin user, password change, default GDAP, MCA
 * attestation) or the authorization path; the reseller Partner ID and "notify me" in both.
 */
export function ConfigurationStep(props: { ctx: OnboardingContext; state: WizardState; update(patch: Partial<WizardState>): void; needsPartnerId: boolean }) {
  const { t } = useI18n();
  const { ctx, state, update } = props;
  const connectionId = state.connectionId!;
  const onChecked = useCallback((c: DomainCheck | null) => update({ domainCheck: c }), [update]);
  const onAuthorization = useCallback((a: OpenAuthorization) => update({ authorization: a }), [update]);
  const onVerify = useCallback((v: VerifyResult) => update({ verify: v }), [update]);
  const onVerdict = useCallback((v: PartnerIdVerdict | null) => update({ partnerVerdict: v }), [update]);
  const domain = tenantDomainOf(state.domainPrefix);
  // The indirect link carries the reseller: use the Partner ID once it passed the check (or the stored one).
  const linkPartnerId = state.partnerVerdict?.status === 'ok' ? (state.partnerVerdict.partnerId ?? null) : (ctx.reseller?.partnerId ?? null);
  // The connection's GDAP templates (GDAP templates page): the default, or another the person chose for this company.
  const gdapTemplates = gdapTemplatesOf(ctx, connectionId);
  const gdapTemplate = chosenGdapTemplate(ctx, state);
  // Exactly what Finish will request on this path (the server's definitions, not a description of
  // them): an existing tenant is asked for the template; a new one gets Microsoft's default relationship.
  const gdapOffer = state.existing
    ? gdapTemplate
      ? { roles: gdapTemplate.roles, durationDays: gdapTemplate.durationDays, autoExtendDays: gdapTemplate.autoExtend ? GDAP_AUTO_EXTEND_DAYS : 0 }
      : ctx.gdap.existingTenant
    : ctx.gdap.newTenant;
  const roles = gdapOffer.roles.map((r) => r.name).join(', ');
  return (
    <Stack>
      {ctx.connections.length > 1 && (
        <Select
          label={t('ns.config.connection')}
          description={t('ns.config.connectionHint')}
          data={ctx.connections.map((c) => ({ value: c.id, label: `${c.name} (${c.region})` }))}
          value={connectionId}
          allowDeselect={false}
          onChange={(v) => v && v !== connectionId && update(switchConnection(ctx, state, v))}
        />
      )}
      <Checkbox
        label={t('ns.config.existing')}
        description={t('ns.config.existingHint')}
        checked={state.existing}
        onChange={(e) => update({ existing: e.currentTarget.checked, verify: null })}
        data-testid="existing-tenant-switch"
      />
      {props.needsPartnerId && ctx.reseller && (
        <div data-field="partnerId">
        <PartnerIdField
          companyId={ctx.company.id}
          connectionId={connectionId}
          resellerName={ctx.reseller.name}
          locked={ctx.resellerChoice === 'own'}
          value={state.partnerId}
          verdict={state.partnerVerdict}
          onChange={(v) => update({ partnerId: v })}
          onVerdict={onVerdict}
        />
        </div>
      )}
      <Divider />
      {state.existing ? (
        <div data-field="authorization">
        <ExistingTenantPanel
          companyId={ctx.company.id}
          connectionId={connectionId}
          resellerPartnerId={props.needsPartnerId ? linkPartnerId : null}
          partnerName={ctx.reseller && props.needsPartnerId ? ctx.reseller.name : ctx.distributor.name}
          authorization={state.authorization}
          verify={state.verify}
          customerDomain={state.customerDomain}
          onAuthorization={onAuthorization}
          onVerify={onVerify}
          onCustomerDomain={(d) => update({ customerDomain: d })}
        />
        </div>
      ) : (
        <Stack>
          <div data-field="prefix">
          <DomainPrefixField
            companyId={ctx.company.id}
            connectionId={connectionId}
            value={state.domainPrefix}
            check={state.domainCheck}
            onChange={(v) => update({ domainPrefix: v })}
            onChecked={onChecked}
            onUseExisting={() => update({ existing: true, customerDomain: domain })}
            visibleLink={{
              resellerPartnerId: props.needsPartnerId ? linkPartnerId : null,
              partnerName: ctx.reseller && props.needsPartnerId ? ctx.reseller.name : ctx.distributor.name,
              // Linked at once: the wizard continues on the existing-tenant path, verified.
              onLinked: (r) => update({ existing: true, customerDomain: r.verify.defaultDomain ?? domain, authorization: r.authorization, verify: r.verify }),
            }}
          />
          </div>
          <Select label={t('ns.config.culture')} data={ctx.cultures} value={state.culture} allowDeselect={false} onChange={(v) => v && update({ culture: v })} />
          <TextInput
            label={t('ns.config.adminUsername')}
            description={t('ns.config.adminUsernameHint', { user: state.adminUsername || 'admin', domain })}
            value={state.adminUsername}
            onChange={(e) => update({ adminUsername: e.currentTarget.value })}
            error={isAdminUsernameValid(state.adminUsername) ? undefined : t('ns.config.adminUsernameInvalid')}
            required
          />
          <Checkbox label={t('ns.config.requirePasswordChange')} checked={state.requirePasswordChange} onChange={(e) => update({ requirePasswordChange: e.currentTarget.checked })} />
        </Stack>
      )}
      <Checkbox label={t(state.existing ? 'ns.config.gdapRequest' : 'ns.config.gdapDefault')} checked={state.gdap} onChange={(e) => update({ gdap: e.currentTarget.checked })} />
      {!state.existing && !state.gdap && isAdminUsernameValid(state.adminUsername) && !isAdminSetUpPossible(state) && (
        <Alert color="orange" data-testid="admin-needs-gdap">
          {t('ns.config.adminNeedsGdap')}
        </Alert>
      )}
      <Text size="sm" c="dimmed" data-testid="gdap-about">
        {gdapOffer.autoExtendDays > 0
          ? t('ns.config.gdapAbout', { days: gdapOffer.durationDays, extend: gdapOffer.autoExtendDays, roles })
          : t('ns.config.gdapAboutNoExtend', { days: gdapOffer.durationDays, count: gdapOffer.roles.length, roles })}
      </Text>
      {gdapTemplate && gdapTemplates.length > 1 && (
        <Select
          label={t('ns.config.gdapTemplateChoice')}
          description={t('ns.config.gdapTemplateChoiceHint')}
          data={gdapTemplates.map((x) => ({ value: String(x.id), label: t(x.isDefault ? 'ns.config.gdapTemplateDefaultOption' : 'ns.config.gdapTemplateOption', { name: x.name, version: x.version }) }))}
          value={String(gdapTemplate.id)}
          allowDeselect={false}
          onChange={(v) => v && update({ gdapTemplateId: Number(v) })}
          data-testid="gdap-template-choice"
        />
      )}
      {gdapTemplate && (
        <Text size="sm" data-testid="gdap-template">
          {t('ns.config.gdapTemplate', { name: gdapTemplate.name, version: gdapTemplate.version, count: gdapTemplate.roles.length, days: gdapTemplate.durationDays })}
        </Text>
      )}
      {state.existing && state.verify?.mcaOnRecord ? (
        <Alert color="green">{t('ns.mca.onRecord')}</Alert>
      ) : (
        <div data-field="mca">
          <McaSignatoryFields person={state.attestation} signatory={state.signatory} onPerson={(a) => update({ attestation: a })} onSignatory={(s) => update({ signatory: s })} />
        </div>
      )}
      <Checkbox label={t('ns.notifyMe')} checked={state.notifyMe} onChange={(e) => update({ notifyMe: e.currentTarget.checked })} />
    </Stack>
  );
}
