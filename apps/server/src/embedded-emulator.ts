import { hkdfSync } from 'node:crypto';
import path from 'node:path';
import { startEmulator } from '@csphub/partner-center-emulator';

/** The emulator as the server embeds it: its own port, its state saved in the data folder. */
export interface EmbeddedEmulator {
  url: string;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Where the embedded emulator listens, whatever `HOST` says: it is a local test tool with an unauthenticated control plane. */
export const EMBEDDED_EMULATOR_HOST = '127.0.0.1';

/**
 * Starts the Partner Center emulator in this process, on loopback only. Its state file lives beside
 * the database in the data folder, so a restart keeps CSP Hub's records and the emulator's tenants
 * consistent; the state's secrets are sealed with a key derived from CSP Hub's secret key, so the
 * file alone reveals no password or signing key (docs/EMULATOR-DIFFERENCES.md, "State file").
 */
export async function startEmbeddedEmulator(opts: { port: number; dataDir: string; secretKey: Buffer; log?: (message: string) => void }): Promise<EmbeddedEmulator> {
  const stateKey = Buffer.from(hkdfSync('sha256', opts.secretKey, Buffer.alloc(0), 'csphub embedded emulator state v1', 32));
  const running = await startEmulator({ port: opts.port, host: EMBEDDED_EMULATOR_HOST, statePath: path.join(opts.dataDir, 'emulator-state.json'), stateKey, log: opts.log });
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
