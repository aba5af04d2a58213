import { cockpitCellValues } from '@csphub/domain';
import type { MessageKey } from '../../i18n/messages/en';

/** A cockpit message whose key is built from data (a column, a filter, an action); the catalogue has each of them. */
export function cockpitKey(key: `cockpit.${string}`): MessageKey {
  return key as MessageKey;
}

/**
 * A list cell's coded value in words (`cockpit.value.<list>.<column>.<value>`), or undefined when
 * the column holds no coded values or the value is not one of them (free text, shown as stored).
 */
export function cellValueKey(list: string, column: string, value: string): MessageKey | undefined {
  return cockpitCellValues(list, column)?.includes(value) ? cockpitKey(`cockpit.value.${list}.${column}.${value}`) : undefined;
}

/** The list page of a figure. */
export function listHref(list: string, filter: string): string {
  return `/cockpit/lists/${list}?filter=${encodeURIComponent(filter)}`;
}
