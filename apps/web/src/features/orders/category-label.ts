import type { I18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages/en';

/**
 * The catalog category in the UI's language. Categories come from Partner Center's product type
 * (the domain's `catalogCategoryOf`); a product type CSP Hub has no name for is shown as Microsoft spells it.
 */
const CATEGORY_KEYS: Record<string, MessageKey> = {
  'Online services': 'catalog.category.onlineServices',
  Azure: 'catalog.category.azure',
  Software: 'catalog.category.software',
};

export function categoryLabel(t: I18n['t'], category: string): string {
  const key = CATEGORY_KEYS[category];
  return key ? t(key) : category;
}
