import type { CompanyKind, Permission } from '@csphub/domain';
import type { NavItem } from './feature';
import { FEATURES } from './features';

export type { NavItem } from './feature';

/** The main navigation: each feature's entries, in the order of the feature list. */
export const NAVIGATION: NavItem[] = FEATURES.flatMap((feature) => feature.navigation);

/** The entries a caller sees: its role grants the permission and its company is of a listed kind. */
export function visibleNavigation(caller: { kind: CompanyKind | undefined; can(permission: Permission): boolean }): NavItem[] {
  return NAVIGATION.filter((item) => (!item.permission || caller.can(item.permission)) && (!item.companyKinds || (caller.kind !== undefined && item.companyKinds.includes(caller.kind))));
}
