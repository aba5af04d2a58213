import type { ComponentType } from 'react';
import { IconBooks, IconHome, IconMailForward, IconPlugConnected, IconUserCheck } from '@tabler/icons-react';
import type { Permission } from '@csphub/domain';
import type { MessageKey } from '../i18n/messages/en';

/** One entry of the main navigation; features add theirs here. */
export interface NavItem {
  to: string;
  label: MessageKey;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  /** Shown only to callers whose role grants this permission. */
  permission?: Permission;
}

export const NAVIGATION: NavItem[] = [
  { to: '/', label: 'nav.home', icon: IconHome },
  { to: '/connections', label: 'nav.connections', icon: IconPlugConnected, permission: 'connections.read' },
  { to: '/catalog', label: 'nav.catalog', icon: IconBooks, permission: 'connections.read' },
  { to: '/authorizations', label: 'nav.authorizations', icon: IconUserCheck, permission: 'sync.read' },
  { to: '/outbox', label: 'nav.outbox', icon: IconMailForward, permission: 'sync.read' },
];
