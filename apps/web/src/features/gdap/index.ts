import { IconKey } from '@tabler/icons-react';
import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [{ path: '/gdap', component: lazyPage(() => import('./gdap-templates-page'), (m) => m.GdapTemplatesPage) }];
const navigation: readonly NavItem[] = [{ to: '/gdap', label: 'nav.gdap', icon: IconKey, permission: 'gdap.templates.read' }];

/** GDAP: role templates (the distributor writes, partner staff read) and, on the company page, a company's relationships. */
export const gdapFeature = { name: 'gdap', routes, navigation };
