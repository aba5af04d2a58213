import path from 'node:path';
import { startEmulator } from '@csphub/partner-center-emulator';

/** The emulator as the server embeds it: its own port, its state saved in the data folder. */
export interface EmbeddedEmulator {
  url: string;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Starts the Partner Center emulator in this process. Its state file lives beside the database in
 * the data folder, so a restart keeps CSP Hub's records and the emulator's tenants consistent.
 */
export async function startEmbeddedEmulator(opts: { port: number; host: string; dataDir: string }): Promise<EmbeddedEmulator> {
  const running = await startEmulator({ port: opts.port, host: opts.host, statePath: path.join(opts.dataDir, 'emulator-state.json') });
  return {
    url: running.url,
    ping: async () => {
      try {
        const res = await fetch(`${running.url}/_emulator/scenario`, { signal: AbortSignal.timeout(2000) });
        await res.body?.cancel();
        return res.ok;
      } catch {
        return false;
      }
    },
    close: () => running.close(),
  };
}
