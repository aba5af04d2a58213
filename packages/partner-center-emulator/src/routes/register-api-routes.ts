import type { ApiRouter } from '../protocol/api-router';
import { registerValidationRoutes } from './validations.routes';
import { registerAgreementRoutes } from './agreements.routes';
import { registerResellerRoutes } from './resellers.routes';
import { registerCatalogRoutes } from './catalog.routes';
import { registerPricingRoutes } from './pricing.routes';
import { registerCommerceRoutes } from './commerce.routes';
import { registerCheckoutOptionRoutes } from './checkout-options.routes';
import { registerSubscriptionRoutes } from './subscriptions.routes';
import { registerTransferRoutes } from './transfers.routes';
import { registerUserRoutes } from './users.routes';
import { registerDirectoryRoleRoutes } from './directory-roles.routes';
import { registerAuditRoutes } from './audit.routes';
import { registerWebhookRoutes } from './webhooks.routes';
import { registerGdapRoutes } from './gdap.routes';

/** Registers every Partner Center and Graph family except customers (registered first, see app.ts). */
export function registerApiRoutes(pc: ApiRouter, graph: ApiRouter): void {
  registerValidationRoutes(pc);
  registerAgreementRoutes(pc);
  registerResellerRoutes(pc);
  registerCatalogRoutes(pc);
  registerPricingRoutes(pc);
  registerCommerceRoutes(pc);
  registerCheckoutOptionRoutes(pc);
  registerSubscriptionRoutes(pc);
  registerTransferRoutes(pc);
  registerUserRoutes(pc);
  registerDirectoryRoleRoutes(pc);
  registerAuditRoutes(pc);
  registerWebhookRoutes(pc);
  registerGdapRoutes(graph);
}
