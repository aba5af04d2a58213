import { serve } from '@hono/node-server';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createEmulatorApp, type EmulatorApp, type EmulatorAppOptions } from './app';

export interface StartEmulatorOptions extends Omit<EmulatorAppOptions, 'publicUrl'> {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /**
   * Origin written in the absolute links the emulator hands out (Location headers, `@odata.nextLink`,
   * the webhook certificate URL, discovery endpoints, admin page links), for an emulator reached
   * through a proxy; default `http(s)://{host}:{port}`.
   */
  publicUrl?: string;
  /** Serve HTTPS with this key and certificate (PEM), e.g. from `loadOrCreateSelfSignedCertificate`. */
  tls?: { key: string; cert: string };
  /** How often due transitions and webhook retries run without requests (ms, default 1000). */
  tickIntervalMs?: number;
}

export interface RunningEmulator {
  /** `http://host:port` (`https://` with `tls`), no trailing slash. */
  url: string;
  port: number;
  host: string;
  /** The app (and its runtime, `app.emulator`) behind the server. */
  app: EmulatorApp;
  /** Stops the timer, waits for webhook deliveries, saves state and closes the server. */
  close(): Promise<void>;
}

/**
 * Starts an emulator HTTP server (standalone CLI and embedded in `npm start`). With `statePath`, the
 * state is loaded from that file at start and saved after each mutation.
 */
export async function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const app = createEmulatorApp({ ...options, publicUrl: options.publicUrl });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = options.tls
      ? serve({ fetch: app.fetch, port: options.port, hostname: host, createServer: createHttpsServer, serverOptions: { key: options.tls.key, cert: options.tls.cert } }, () => resolve(s))
      : serve({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`;
  app.emulator.publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
  const runtime = app.emulator;
  const timer = setInterval(() => {
    try {
      runtime.tick();
      runtime.afterRequest();
    } catch (error) {
      runtime.log(`tick failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, options.tickIntervalMs ?? 1000);
  timer.unref();
  let closed = false;
  return {
    url,
    port,
    host,
    app,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await runtime.drain();
      runtime.commit();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
