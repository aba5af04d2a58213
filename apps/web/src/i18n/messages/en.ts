import { FEATURES } from '../../app/features';
import { problemEn } from '../problem.messages.en';

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** The text of every feature (each feature's index.ts lists its own). */
type FeaturesEn = UnionToIntersection<(typeof FEATURES)[number]['messages']['en']>;

/** English text of the shell: header, navigation frame, company tree, not-found page. */
export const shellEn = {
  'app.name': 'CSP Hub',
  'app.tagline': 'Microsoft tenants for the whole channel',
  'nav.home': 'Home',
  'nav.main': 'Main navigation',
  'nav.section.channel': 'Channel',
  'header.notSignedIn': 'Not signed in',
  'header.language': 'Language',
  'header.toggleNavigation': 'Toggle navigation',
  'header.colorScheme': 'Switch light or dark mode',
  'tree.title': 'Companies',
  'tree.empty': 'No companies to show yet.',
  'notFound.title': 'Page not found',
  'notFound.body': 'The address {path} does not match any page.',
  'notFound.back': 'Go to the home page',
} as const;

/** English UI text: the reference catalogue; every other language must have the same keys. */
export const en = Object.assign({}, ...FEATURES.map((feature) => feature.messages.en), problemEn, shellEn) as FeaturesEn & typeof problemEn & typeof shellEn;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
