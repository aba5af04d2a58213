import type { MessageKey } from '../../i18n/messages/en';

/** A cockpit message whose key is built from data (a column, a filter, an action); the catalogue has each of them. */
export function cockpitKey(key: `cockpit.${string}`): MessageKey {
  return key as MessageKey;
}

/** The list page of a figure. */
export function listHref(list: string, filter: string): string {
  return `/cockpit/lists/${list}?filter=${encodeURIComponent(filter)}`;
}
