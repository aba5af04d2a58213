import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from './server';
import { ScenarioSchema } from './scenario/scenario.schema';
import { formatScenario } from './scenario/describe-scenario';

/**
 * `csp-emulator --port 4010 [--host 127.0.0.1] [--state FILE] [--scenario FILE] [--quiet] [--allow-remote-control]`:
 * starts the emulator (its control plane answers only this machine unless the last flag says so), prints the seeded scenario (partners, credentials, resellers, tenants) and a `listening` line.
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
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('Usage: csp-emulator [--port 4010] [--host 127.0.0.1] [--state FILE] [--scenario FILE] [--quiet] [--allow-remote-control]\n');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got '${values.port}'`);
  const started = performance.now();
  // A custom scenario (JSON, see ScenarioSchema) replaces the default one at first start and on reset.
  const scenario = values.scenario ? ScenarioSchema.parse(JSON.parse(fs.readFileSync(values.scenario, 'utf8'))) : undefined;
  const running = await startEmulator({
    scenario,
    port,
    host: values.host,
    statePath: values.state,
    allowRemoteControl: values['allow-remote-control'],
    log: (message) => process.stderr.write(`[csp-emulator] ${message}\n`),
  });
  const ms = Math.round(performance.now() - started);
  if (!values.quiet) process.stdout.write(`${formatScenario(running.app.emulator.engine.state.scenario, running.url)}\n\n`);
  process.stdout.write(`csp-emulator listening on ${running.url} (state ${values.state ?? 'in memory'}; ready in ${ms} ms)\n`);
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
