import { describe, expect, it } from 'vitest';
import { LINK_EXISTING_TENANT_STEP_IDS, NEW_TENANT_STAGE_IDS, NEW_TENANT_SUPPORT_STEP_IDS, ORDER_STEP_IDS, WORKFLOW_STEP_IDS } from '@csphub/domain';
import { markFailedStep } from './existing-tenant/link-existing-tenant.workflow';
import { notifyLinkedStep } from './existing-tenant/notify-linked.step';
import { checkMcaAcceptanceStep } from './mca/await-mca-acceptance.step';
import { createMcaAgreementStep } from './mca/create-mca-agreement.step';
import { requestMcaAcceptanceStep } from './mca/request-mca-acceptance.step';
import { sendMcaAcceptanceEmailStep } from './mca/send-mca-acceptance-email.step';
import { checkDomainStep } from './new-tenant/check-domain.step';
import { createCustomerStep } from './new-tenant/create-customer.step';
import { defaultGdapStep } from './new-tenant/default-gdap.step';
import { deliverCredentialsStep } from './new-tenant/deliver-credentials.step';
import { notifyRunStep } from './new-tenant/notify-run.step';
import { resolveResellerStep } from './new-tenant/resolve-reseller.step';
import { setSyncStatusStep } from './new-tenant/set-sync-status.step';
import { setUpAdminStep } from './new-tenant/set-up-admin.step';
import { validateAddressStep } from './new-tenant/validate-address.step';
import { validatePrerequisitesStep } from './new-tenant/validate-prerequisites.step';
import { createCheckMcaStep } from './orders/check-mca.step';
import { createCheckoutCartStep } from './orders/checkout-cart.step';
import { createCreateCartStep } from './orders/create-cart.step';
import { createNotifyOrderStep } from './orders/notify-order.step';
import { createReadOrderStatusStep } from './orders/read-order-status.step';
import { createSaveOrderProgressStep } from './orders/save-order-progress.step';
import { checkGdapRequestStep } from './shared/check-gdap-request.step';
import { confirmMcaStep } from './shared/confirm-mca.step';
import { requestGdapStep } from './shared/request-gdap.step';
import { storeTenantLinkStep } from './shared/store-tenant-link.step';

// Declaring a step touches none of its ports, so the factories run with none.
const none = {} as never;
const ids = (steps: { id: string }[]) => steps.map((s) => s.id).sort();

describe('the step ids the runs journal are the ones the stage lists declare (the web names each)', () => {
  it('new tenant: its stages and support steps', () => {
    const steps = [
      validatePrerequisitesStep(none), validateAddressStep(none), checkDomainStep(none), resolveResellerStep(none), createCustomerStep(none),
      setUpAdminStep(none), confirmMcaStep(none), requestMcaAcceptanceStep(none), defaultGdapStep, requestGdapStep(none), storeTenantLinkStep(none),
      deliverCredentialsStep(none), checkMcaAcceptanceStep(none), createMcaAgreementStep(none), notifyRunStep(none),
      setSyncStatusStep(none), sendMcaAcceptanceEmailStep(none), checkGdapRequestStep(none),
    ];
    expect(ids(steps)).toEqual([...NEW_TENANT_STAGE_IDS, ...NEW_TENANT_SUPPORT_STEP_IDS].sort());
  });

  it('existing tenant', () => {
    const steps = [storeTenantLinkStep(none), confirmMcaStep(none), requestGdapStep(none), checkGdapRequestStep(none), notifyLinkedStep(none), markFailedStep(none)];
    expect(ids(steps)).toEqual([...LINK_EXISTING_TENANT_STEP_IDS].sort());
  });

  it('order', () => {
    const steps = [createCheckMcaStep(none), createCreateCartStep(none), createCheckoutCartStep(none), createReadOrderStatusStep(none), createSaveOrderProgressStep(none), createNotifyOrderStep(none)];
    expect(ids(steps)).toEqual([...ORDER_STEP_IDS].sort());
  });

  it('lists each id once', () => {
    expect(new Set(WORKFLOW_STEP_IDS).size).toBe(WORKFLOW_STEP_IDS.length);
    expect(WORKFLOW_STEP_IDS).toContain('mark-link-failed');
  });
});
