import type { CatalogProduct, CatalogSku } from '@csphub/server/contract';

/** One line of the cart: a SKU, its seats and its term (`P1Y|monthly`). */
export interface CartLine {
  sku: CatalogSku;
  product: CatalogProduct;
  quantity: number | string;
  term: string | null;
  /** Co-terming: an end date Partner Center offered for this term (null: the term's own end). */
  customTermEndDate?: string | null;
}

/** Whether the line's seats are a whole number within the SKU's bounds. */
export function isQuantityOk(line: CartLine): boolean {
  const q = typeof line.quantity === 'number' ? line.quantity : Number(line.quantity);
  return Number.isInteger(q) && q >= line.sku.minimumQuantity && q <= line.sku.maximumQuantity;
}
