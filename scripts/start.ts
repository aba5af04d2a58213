/**
 * `npm start`: builds the web app when it is missing or older than its sources, then runs the
 * server in this process (embedded database and Partner Center emulator by default).
 */
import { ensureWebBuilt } from './ensure-web-built';

try {
  ensureWebBuilt((line) => process.stdout.write(`${line}\n`));
} catch (e) {
  process.stderr.write(`csphub: ${(e as Error).message}\n`);
  process.exit(1);
}

await import('../apps/server/src/main');
