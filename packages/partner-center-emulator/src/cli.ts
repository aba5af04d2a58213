import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from './server';
import { ScenarioSchema } from './scenario/scenario.schema';
import { formatScenario } from './scenario/describe-scenario';
import { loadOrCreateSelfSignedCertificate } from './tls/self-signed-certificate';

/**
 * `csp-emulator [--port 4010] [--host 127.0.0.1] [--state FILE] [--scenario FILE] [--tls [--tls-dir DIR]] [--public-url URL] [--quiet] [--allow-remote-control]`:
 * starts the emulator (its control plane answers only this machine unless the last flag says so), prints the seeded scenario (partners, credentials, resellers, tenants) and a `listening` line.
 * `--tls` serves HTTPS with a self-signed certificate kept in the data folder (`--tls-dir`, default the
 * folder of `--state`, else `.csp-emulator`) and prints its path; `--public-url` is the origin written
 * in absolute links when the emulator is reached through a proxy.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      state: { type: 'string' },
      scenario: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'allow-remote-control': { type: 'boolean', default: false },
      tls: { type: 'boolean', default: false },
      'tls-dir': { type: 'string' },
      'public-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('Usage: csp-emulator [--port 4010] [--host 127.0.0.1] [--state FILE] [--scenario FILE] [--tls [--tls-dir DIR]] [--public-url URL] [--quiet] [--allow-remote-control]\n');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got '${values.port}'`);
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(publicUrl);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.search || parsed.hash) {
      throw new Error(`--public-url must be an http(s) URL without query or fragment, got '${publicUrl}'`);
    }
  }
  const started = performance.now();
  const tlsDir = values['tls-dir'] ?? (values.state ? path.dirname(values.state) : '.csp-emulator');
  const tls = values.tls ? await loadOrCreateSelfSignedCertificate(tlsDir, [values.host, ...(publicUrl ? [new URL(publicUrl).hostname] : [])]) : undefined;
  // A custom scenario (JSON, see ScenarioSchema) replaces the default one at first start and on reset.
  const scenario = values.scenario ? ScenarioSchema.parse(JSON.parse(fs.readFileSync(values.scenario, 'utf8'))) : undefined;
  const running = await startEmulator({
    scenario,
    port,
    host: values.host,
    statePath: values.state,
    allowRemoteControl: values['allow-remote-control'],
    tls,
    publicUrl,
    log: (message) => process.stderr.write(`[csp-emulator] ${message}\n`),
  });
  const ms = Math.round(performance.now() - started);
  if (!values.quiet) process.stdout.write(`${formatScenario(running.app.emulator.engine.state.scenario, running.app.emulator.publicUrl)}\n\n`);
  if (tls) process.stdout.write(`TLS certificate (self-signed; trust it, e.g. NODE_EXTRA_CA_CERTS=${tls.certPath}): ${tls.certPath}\n`);
  process.stdout.write(`csp-emulator listening on ${running.url}${publicUrl ? ` (links use ${running.app.emulator.publicUrl})` : ''} (state ${values.state ?? 'in memory'}; ready in ${ms} ms)\n`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`csp-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
