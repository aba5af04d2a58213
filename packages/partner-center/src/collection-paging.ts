import type { z } from 'zod';
import { pagedResult, type PagedResult } from './paged-result';
import type { ApiRequest, CallOptions, RequestPipeline } from './request-pipeline';
import { collectionSchema } from './wire/common.schema';
import { graphCollectionSchema } from './wire/gdap.schema';

type PcPage = {
  items: unknown[];
  links?: { next?: { uri: string; method: string; headers: { key: string; value: string }[] } };
};
type GraphPage = { value: unknown[]; '@odata.nextLink'?: string };

/** The most pages followed before the client assumes a `next` link loops. */
const maxPages = 10_000;

/**
 * Pages through a Partner Center collection (partner-center-api.md §2.5): each answer's
 * `links.next` is re-issued with its method and every header it lists (notably
 * `MS-ContinuationToken`), with `seekOperation=Next` as the SDK adds, until there is no `next`.
 * All pages share the call's correlation id; each page has its own request id.
 */
export function pagePartnerCenterCollection<W extends z.ZodType, T>(
  pipeline: RequestPipeline,
  first: Omit<ApiRequest<never>, 'parse'>,
  itemSchema: W,
  map: (item: z.infer<W>) => T,
  options: CallOptions = {},
): PagedResult<T> {
  const schema = collectionSchema(itemSchema);
  return pagedResult(async function* () {
    const { correlationId } = pipeline.ids(options);
    let request: Omit<ApiRequest<never>, 'parse'> | undefined = first;
    let firstPage = true;
    for (let page = 0; request && page < maxPages; page++) {
      const body: PcPage = await pipeline.send(
        { ...request, parse: ({ body }) => schema.parse(body) as PcPage },
        // The caller's request id (if any) goes to the first page only: ids are per request.
        { ...options, correlationId, requestId: firstPage ? options.requestId : undefined },
      );
      firstPage = false;
      yield (body.items as z.infer<W>[]).map(map);
      const next = body.links?.next;
      if (!next || (body.items.length === 0 && !next.headers.length)) return;
      const headers: Record<string, string> = {};
      for (const h of next.headers) headers[h.key] = h.value;
      let url = next.uri;
      if (!/[?&]seekOperation=/i.test(url)) url += `${url.includes('?') ? '&' : '?'}seekOperation=Next`;
      request = {
        ...first,
        method: next.method.toUpperCase() === 'POST' ? 'POST' : 'GET',
        url,
        headers: { ...first.headers, ...headers },
        query: undefined,
      };
    }
  });
}

/** Pages through a Graph collection by `@odata.nextLink` (partner-center-api.md §12.3, `$skipToken`). */
export function pageGraphCollection<W extends z.ZodType, T>(
  pipeline: RequestPipeline,
  first: Omit<ApiRequest<never>, 'parse'>,
  itemSchema: W,
  map: (item: z.infer<W>) => T,
  options: CallOptions = {},
): PagedResult<T> {
  const schema = graphCollectionSchema(itemSchema);
  return pagedResult(async function* () {
    const { correlationId } = pipeline.ids(options);
    let request: Omit<ApiRequest<never>, 'parse'> | undefined = first;
    let firstPage = true;
    for (let page = 0; request && page < maxPages; page++) {
      const body: GraphPage = await pipeline.send(
        { ...request, parse: ({ body }) => schema.parse(body) as GraphPage },
        { ...options, correlationId, requestId: firstPage ? options.requestId : undefined },
      );
      firstPage = false;
      yield (body.value as z.infer<W>[]).map(map);
      const next = body['@odata.nextLink'];
      request = next ? { ...first, url: next, query: undefined } : undefined;
    }
  });
}
