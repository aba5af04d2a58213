/**
 * @csphub/partner-center-emulator: a local Partner Center REST + Microsoft Graph GDAP emulator.
 * Embed it with {@link startEmulator}, test in-process with {@link createEmulatorApp}, or run
 * `npx csp-emulator --port 4010 [--state FILE]`.
 */
export { createEmulatorApp, type EmulatorApp, type EmulatorAppOptions } from './app';
export { startEmulator, type RunningEmulator, type StartEmulatorOptions } from './server';
export { loadOrCreateSelfSignedCertificate, type TlsIdentity } from './tls/self-signed-certificate';
export { DEFAULT_SCENARIO } from './scenario/default-scenario';
export { describeScenario, formatScenario } from './scenario/describe-scenario';
export {
  ScenarioSchema,
  type Scenario,
  type ScenarioInput,
  type ScenarioPartner,
  type ScenarioReseller,
  type ScenarioTenant,
  type ScenarioProduct,
  type PartnerKind,
  type CspRegion,
} from './scenario/scenario.schema';
export type { EmulatorRuntime } from './runtime';
export type { EmulatorState, EmulatorSettings, CallRecord, FaultRule } from './engine/emulator-state';
export type { TimeSource } from './engine/emulator-clock';
export { verifyWebhookSignature } from './webhooks/webhook-signing';
