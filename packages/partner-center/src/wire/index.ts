/**
 * Wire models shared by the Partner Center client and the emulator, written once from
 * docs/PARTNER-CENTER-REFERENCE.md. Request schemas accept PascalCase and camelCase keys; responses are
 * camelCase (except the webhook API, which answers PascalCase as documented).
 */
export * from './case';
export * from './headers';
export * from './urls';
export * from './operations';
export * from './common.schema';
export * from './error.schema';
export * from './token.schema';
export * from './customer.schema';
export * from './validation.schema';
export * from './agreement.schema';
export * from './attestation.schema';
export * from './relationship.schema';
export * from './catalog.schema';
export * from './cart.schema';
export * from './order.schema';
export * from './subscription.schema';
export * from './user.schema';
export * from './directory-role.schema';
export * from './gdap.schema';
export * from './webhook.schema';
export * from './audit.schema';
export * from './price-sheet.schema';
export * from './checkout-options.schema';
export * from './transfer.schema';
