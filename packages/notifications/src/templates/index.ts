import { authorizationAcceptedTemplate } from './authorization-accepted.template';
import { customerAuthorizationRequestTemplate } from './customer-authorization-request.template';
import { provisioningCompletedTemplate } from './provisioning-completed.template';
import { provisioningFailedTemplate } from './provisioning-failed.template';
import type { TemplateDefinition } from './template-definition';
import { welcomeTemplate } from './welcome.template';
import { orderFulfilledTemplate } from './order-fulfilled.template';
import { orderFailedTemplate } from './order-failed.template';
import { subscriptionWindowClosingTemplate } from './subscription-window-closing.template';
import { subscriptionExpiryNearTemplate } from './subscription-expiry-near.template';
import { mcaAcceptanceRequestTemplate } from './mca-acceptance-request.template';
import { gdapApprovalRequestTemplate } from './gdap-approval-request.template';
import { webhookDisabledTemplate } from './webhook-disabled.template';
import { gdapExpiringTemplate } from './gdap-expiring.template';
import { subscriptionExtendedTermNearTemplate } from './subscription-extended-term-near.template';
import { subscriptionRenewingTemplate } from './subscription-renewing.template';

export { welcomeTemplate, provisioningCompletedTemplate, provisioningFailedTemplate, customerAuthorizationRequestTemplate, authorizationAcceptedTemplate };
export { orderFulfilledTemplate, orderFailedTemplate, subscriptionWindowClosingTemplate, subscriptionExpiryNearTemplate, mcaAcceptanceRequestTemplate, gdapApprovalRequestTemplate, webhookDisabledTemplate, gdapExpiringTemplate, subscriptionExtendedTermNearTemplate, subscriptionRenewingTemplate };

/** Every template by id. */
export const templates: Readonly<Record<string, TemplateDefinition>> = Object.fromEntries(
  [welcomeTemplate, provisioningCompletedTemplate, provisioningFailedTemplate, customerAuthorizationRequestTemplate, authorizationAcceptedTemplate, orderFulfilledTemplate, orderFailedTemplate, subscriptionWindowClosingTemplate, subscriptionExpiryNearTemplate, mcaAcceptanceRequestTemplate, gdapApprovalRequestTemplate, webhookDisabledTemplate, gdapExpiringTemplate, subscriptionExtendedTermNearTemplate, subscriptionRenewingTemplate].map((t) => [t.id, t]),
);
