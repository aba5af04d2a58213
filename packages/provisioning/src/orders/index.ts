export { createPlaceOrderWorkflow, PLACE_ORDER_WORKFLOW } from './place-order.workflow';
export type { PlaceOrderDeps, PlaceOrderInput, PlaceOrderResult } from './place-order.input';
export type {
  OrderCallOptions,
  OrderCartLine,
  OrderNotificationRequest,
  OrderNotifications,
  OrderPartnerCenter,
  OrderProgress,
  OrderRecords,
  ReportedOrder,
  ReportedOrderLine,
} from './order-ports';
export { findOrdersByReference } from './find-orders-by-reference';
export { loadCatalog } from './catalog/load-catalog';
export { refreshCatalog, type CatalogRefreshResult } from './catalog/refresh-catalog';
export type { CatalogEntry, CatalogPartnerCenter, CatalogStore, SourceAvailability, SourceProduct, SourceSku } from './catalog/catalog-ports';
