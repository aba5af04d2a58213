import { isCatalogStale, matchesCatalogSearch } from '@csphub/domain';
import { refreshCatalog, type CatalogRefreshResult } from '@csphub/provisioning';
import type { CatalogItemRow, CatalogRepo, CatalogSnapshotRow } from '@csphub/db';
import type { CommerceDeps } from './commerce-deps';
import { commerceRepos } from './commerce-deps';
import type { CatalogResponse } from './commerce.schema';

/** How often the schedule looks for catalogs older than a day. */
const SCHEDULE_EVERY_MS = 15 * 60_000;

/** A product as the browse tree shows it (each SKU one availability), as the catalog route's schema declares it. */
type CatalogProductView = CatalogResponse['categories'][number]['groups'][number]['products'][number];

/** category > product group > product > SKU (the browse order partners know from distributors' portals). */
export type CatalogTree = Pick<CatalogResponse, 'categories'>;

/** Builds the browse tree from cached rows; hidden products are dropped unless `includeHidden`. */
export function buildCatalogTree(rows: readonly CatalogItemRow[], hidden: ReadonlySet<string>, opts: { includeHidden: boolean; query?: string | undefined }): CatalogTree {
  const categories = new Map<string, Map<string, Map<string, CatalogProductView>>>();
  for (const r of rows) {
    const isHidden = hidden.has(r.productId);
    if (isHidden && !opts.includeHidden) continue;
    if (opts.query && !matchesCatalogSearch(opts.query, [r.productTitle, r.skuTitle, r.productGroup, r.category, r.productId, r.productDescription])) continue;
    const groups = categories.get(r.category) ?? new Map<string, Map<string, CatalogProductView>>();
    categories.set(r.category, groups);
    const products = groups.get(r.productGroup) ?? new Map<string, CatalogProductView>();
    groups.set(r.productGroup, products);
    const product = products.get(r.productId) ?? { id: r.productId, title: r.productTitle, description: r.productDescription, hidden: isHidden, skus: [] };
    products.set(r.productId, product);
    product.skus.push({
      catalogItemId: r.catalogItemId,
      skuId: r.skuId,
      title: r.skuTitle,
      description: r.skuDescription,
      minimumQuantity: r.minimumQuantity,
      maximumQuantity: r.maximumQuantity,
      isTrial: r.isTrial,
      isPurchasable: r.isPurchasable,
      currency: r.currency,
      listPrice: r.listPrice,
      terms: r.terms,
    });
  }
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  return {
    categories: [...categories]
      .map(([name, groups]) => ({
        name,
        groups: [...groups].map(([g, products]) => ({ name: g, products: [...products.values()].sort((a, b) => a.title.localeCompare(b.title)) })).sort(byName),
      }))
      .sort(byName),
  };
}

/**
 * The cached catalog per connection and country. The first read of a country
 * loads it from Partner Center; later reads are served from the cache, and a catalog older than a
 * day is refreshed in the background (stale-while-revalidate) and by a 15-minute schedule, so
 * browsing never waits on Microsoft. One refresh per connection and country runs at a time.
 */
export function createCatalogService(deps: CommerceDeps) {
  const running = new Map<string, Promise<CatalogRefreshResult>>();
  let timer: NodeJS.Timeout | undefined;
  const repo = (): CatalogRepo => commerceRepos(deps).catalog;

  function refresh(connectionId: string, country: string): Promise<CatalogRefreshResult> {
    const key = `${connectionId}|${country.toUpperCase()}`;
    const inFlight = running.get(key);
    if (inFlight) return inFlight;
    const job = (async () => {
      const partnerCenter = await deps.partnerCenterFor(connectionId);
      return refreshCatalog({ partnerCenter, store: repo(), clock: deps.clock, elapsedMs: () => performance.now() }, { connectionId, country });
    })()
      .catch(async (e: unknown): Promise<CatalogRefreshResult> => {
        const message = e instanceof Error ? e.message : String(e);
        await repo().markRefreshFailed(connectionId, country.toUpperCase(), message, deps.clock.now());
        return { ok: false, entries: 0, partnerCenterCalls: 0, durationMs: 0, error: message };
      })
      .finally(() => running.delete(key));
    running.set(key, job);
    return job;
  }

  function startSchedule() {
    if (timer) return;
    timer = setInterval(() => {
      void (async () => {
        for (const s of await repo().listSnapshots()) {
          if (isCatalogStale(s.refreshedAt, deps.clock.now())) await refresh(s.connectionId, s.country);
        }
      })().catch((e: unknown) => deps.logger?.warn({ err: e }, 'catalog schedule failed'));
    }, SCHEDULE_EVERY_MS);
    timer.unref();
  }

  return {
    refresh,
    /** The cached rows and snapshot of a country, loading it on first use. */
    async read(connectionId: string, country: string): Promise<{ rows: CatalogItemRow[]; snapshot: CatalogSnapshotRow | undefined; refreshing: boolean }> {
      startSchedule();
      const c = country.toUpperCase();
      let snapshot = await repo().getSnapshot(connectionId, c);
      if (!snapshot?.refreshedAt) {
        await refresh(connectionId, c);
        snapshot = await repo().getSnapshot(connectionId, c);
      } else if (isCatalogStale(snapshot.refreshedAt, deps.clock.now())) {
        void refresh(connectionId, c);
      }
      return { rows: await repo().listItems(connectionId, c), snapshot, refreshing: running.has(`${connectionId}|${c}`) };
    },
    /** One cached item (for order validation), loading the country if needed. */
    async item(connectionId: string, country: string, catalogItemId: string): Promise<CatalogItemRow | undefined> {
      const c = country.toUpperCase();
      const found = await repo().getItem(connectionId, c, catalogItemId);
      if (found) return found;
      const snapshot = await repo().getSnapshot(connectionId, c);
      if (!snapshot?.refreshedAt) await refresh(connectionId, c);
      return repo().getItem(connectionId, c, catalogItemId);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
