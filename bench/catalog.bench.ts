/**
 * Catalog load: the new-commerce licence-based catalog of one country (products, their
 * SKUs and each SKU's availabilities) read through the real Partner Center client from the
 * emulator, as the catalog cache's refresh does. Reports the wall time of a cold and a warm load
 * (same process, token cached) and how many Partner Center calls one load takes.
 */
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator } from '@csphub/partner-center-emulator';
import { loadCatalog } from '@csphub/provisioning';
import type { Report } from './run';

export default async function catalogBench(report: Report) {
  const emulator = await startEmulator({ port: 0 });
  try {
    const partner = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
    const client = createPartnerCenterClient({
      connection: { id: 'bench', name: 'bench', type: 'indirect-provider', tenantId: partner.tenantId, appId: partner.app.appId, appSecret: partner.app.appSecret, ...emulatorEndpoints(emulator.url) },
    });
    const runs: number[] = [];
    const waits: number[] = [];
    let entries = 0;
    let calls = 0;
    for (let i = 0; i < 6; i++) {
      const before = client.metrics.snapshot().total.calls;
      const waitedBefore = client.metrics.snapshot().total.limiterWaitMs;
      const t0 = performance.now();
      const loaded = await loadCatalog(client, 'MX');
      runs.push(performance.now() - t0);
      entries = loaded.entries.length;
      calls = client.metrics.snapshot().total.calls - before;
      waits.push(client.metrics.snapshot().total.limiterWaitMs - waitedBefore);
      if (loaded.calls !== calls) throw new Error(`loadCatalog counted ${loaded.calls} calls, the client's metrics ${calls}`);
    }
    const warm = runs.slice(1).sort((a, b) => a - b);
    report('catalog load, one country (MX): entries (availabilities)', entries, 'entries');
    report('catalog load: Partner Center calls per load', calls, 'calls');
    report('catalog load: cold (first, token fetched)', runs[0]!, 'ms');
    report('catalog load: warm median', warm[Math.floor(warm.length / 2)]!, 'ms');
    report('catalog load: warm max', warm.at(-1)!, 'ms');
    // Catalog reads are not on Microsoft's throttling list, so the client's limiter should report no wait
    // (docs/PARTNER-CENTER-REFERENCE.md §14; throttle classes in packages/partner-center/src/wire/operations.ts).
    report('catalog load: rate-limiter wait, first load', waits[0]!, 'ms');
    report('catalog load: rate-limiter wait, last load', waits.at(-1)!, 'ms');
  } finally {
    await emulator.close();
  }
}
