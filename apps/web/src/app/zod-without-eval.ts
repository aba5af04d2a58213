import { config } from 'zod';

/**
 * The app runs under a Content-Security-Policy without 'unsafe-eval'. Zod's fast path compiles
 * object parsers with `new Function`, and merely probing for it makes the browser report a
 * violation; jitless validation never tries. Imported first by main.tsx, before any schema parses.
 */
config({ jitless: true });
