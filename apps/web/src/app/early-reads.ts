import { initialLocale, loadMessages } from '../i18n/i18n';
import { readSessionEarly } from '../features/auth/session';
import { readRootBranchEarly } from '../features/channel/tree-data';

/**
 * The first page load's reads, started while the browser still evaluates the rest of the app's
 * code (imported by main.tsx before the app): the language's catalogue, who is signed in, and, when
 * someone is, the company tree's first branch. One after the other they each waited for the step
 * before (the catalogue for the code, the session for the first render, the tree for the shell's
 * render); side by side, the side bar's tree is shown sooner (bench/large-channel-web.bench.ts).
 * Each is taken once by its owner (main.tsx, SessionProvider, TreeProvider).
 */
void loadMessages(initialLocale()).catch(() => undefined);
readSessionEarly().then(
  (session) => {
    if (!session.mustChangePassword) readRootBranchEarly();
  },
  () => undefined,
);
