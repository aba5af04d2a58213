import { lazyPage, type FeatureRoute, type NavItem } from '../../app/feature';

const routes: readonly FeatureRoute[] = [];
const navigation: readonly NavItem[] = [];

/** Signing in and one's own password; the sign-in page is shown at any address while signed out. */
export const authFeature = { name: 'auth', routes, navigation };

/** The sign-in page (the shell shows it instead of the routes while signed out). */
export const SignInPage = lazyPage(() => import('./sign-in-page'), (m) => m.SignInPage);
