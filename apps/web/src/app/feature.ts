import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { CompanyKind, Permission } from '@csphub/domain';

/** One entry of the main navigation. */
export interface NavItem {
  to: string;
  /**
   * The key of its text in the feature's or the shell's messages (a plain string here, so that this
   * file does not import the catalogue built from the features; a missing key shows in the page walk).
   */
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  /** Shown only to callers whose role grants this permission. */
  permission?: Permission;
  /** Shown only to callers signed in to a company of one of these kinds. */
  companyKinds?: readonly CompanyKind[];
}

/** A page at an address of the signed-in app; its code is loaded when first visited. */
export interface FeatureRoute {
  path: string;
  component: LazyExoticComponent<ComponentType>;
}

/**
 * What a feature (`features/<name>/index.ts`) adds to the app: its pages and its navigation
 * entries. The shell (`app/features.ts`) loops over the list of features to build the router and
 * the navigation. A feature's text is in its `*.messages.en.ts` and `*.messages.es.ts` files, which
 * the language catalogues (`i18n/messages/en.ts`, `es.ts`) gather: one chunk per language, loaded
 * for the language in use only.
 */
export interface Feature {
  name: string;
  routes: readonly FeatureRoute[];
  navigation: readonly NavItem[];
}

/** A page component loaded on first visit (a chunk of its own in the build). */
export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: pick(await load()) }));
}
