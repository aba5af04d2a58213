import type { ComponentType } from 'react';
import { IconBooks, IconHome, IconMailForward, IconPlugConnected, IconSettings, IconShoppingCart, IconUserCheck } from '@tabler/icons-react';
import type { CompanyKind, Permission } from '@csphub/domain';
import type { MessageKey } from '../i18n/messages/en';

/** One entry of the main navigation; features add theirs here. */
export interface NavItem {
  to: string;
  label: MessageKey;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  /** Shown only to callers whose role grants this permission. */
  permission?: Permission;
  /** Shown only to callers signed in to a company of one of these kinds. */
  companyKinds?: readonly CompanyKind[];
}

export const NAVIGATION: NavItem[] = [
  { to: '/', label: 'nav.home', icon: IconHome },
  { to: '/connections', label: 'nav.connections', icon: IconPlugConnected, permission: 'connections.read' },
  // The storefront (B1): resellers and customer admins order there; distributor staff use company pages.
  { to: '/store', label: 'nav.store', icon: IconShoppingCart, permission: 'company.update', companyKinds: ['reseller', 'customer'] },
  { to: '/catalog', label: 'nav.catalog', icon: IconBooks, permission: 'connections.read' },
  { to: '/authorizations', label: 'nav.authorizations', icon: IconUserCheck, permission: 'sync.read' },
  { to: '/outbox', label: 'nav.outbox', icon: IconMailForward, permission: 'sync.read' },
  { to: '/settings', label: 'nav.settings', icon: IconSettings, permission: 'settings.manage' },
];

/** The entries a caller sees: its role grants the permission and its company is of a listed kind. */
export function visibleNavigation(caller: { kind: CompanyKind | undefined; can(permission: Permission): boolean }): NavItem[] {
  return NAVIGATION.filter((item) => (!item.permission || caller.can(item.permission)) && (!item.companyKinds || (caller.kind !== undefined && item.companyKinds.includes(caller.kind))));
}
