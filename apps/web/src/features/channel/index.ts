import { featureMessages, lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';
import { channelEn } from './channel.messages.en';
import { channelEs } from './channel.messages.es';
import { peopleEn } from './people.messages.en';
import { peopleEs } from './people.messages.es';

const routes: readonly FeatureRoute[] = [{ path: '/companies/:id', component: lazyPage(() => import('./company-page'), (m) => m.CompanyPage) }];
// The company tree (company-tree.tsx, tree-data.tsx) is the channel's navigation; the shell shows it.
const navigation: readonly NavItem[] = [];

/** The channel: the company tree, company pages and their tabs, people and access. */
export const channelFeature = { name: 'channel', routes, navigation, messages: featureMessages({ ...channelEn, ...peopleEn }, { ...channelEs, ...peopleEs }) };
