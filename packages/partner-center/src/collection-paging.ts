import type { z } from 'zod';
import { pagedResult, type PagedResult } from './paged-result';
import { toPartnerCenterLinkPath } from './paging-link';
import type { ApiRequest, CallOptions, RequestPipeline } from './request-pipeline';
import { collectionSchema } from './wire/common.schema';
import { graphCollectionSchema } from './wire/gdap.schema';

type PcPage = {
  items: unknown[];
  links?: { next?: { uri: string; method: string; headers: { key: string; value: string }[] } };
};
type GraphPage = { value: unknown[]; '@odata.nextLink'?: string };

type PageRequest = Omit<ApiRequest<never>, 'parse'>;

/**
 * One collection schema per item schema: zod compiles a schema's parser on its first parse, so a
 * schema built per call would be compiled again on every call.
 */
const pcCollections = new WeakMap<z.ZodType, z.ZodType>();
const graphCollections = new WeakMap<z.ZodType, z.ZodType>();
function memo(cache: WeakMap<z.ZodType, z.ZodType>, item: z.ZodType, build: (item: z.ZodType) => z.ZodType): z.ZodType {
  let schema = cache.get(item);
  if (!schema) cache.set(item, (schema = build(item)));
  return schema;
}

/** The most pages followed before the client assumes a `next` link loops. */
const maxPages = 10_000;

/** How one collection format pages: how to read an answer, its items, and the request for the next page. */
interface PageFormat<P, T> {
  parse: (body: unknown) => P;
  items: (page: P) => T[];
  /** The request for the page after this one; undefined on the last page. */
  next: (page: P) => PageRequest | undefined;
}

/**
 * The one page loop: sends `first`, then each next request `format` derives from an answer, until
 * there is none or `maxPages` is reached. All pages share the call's correlation id; each page has
 * its own request id. Answers that do not parse fail in the pipeline like any other call.
 */
function followPages<P, T>(pipeline: RequestPipeline, first: PageRequest, options: CallOptions, format: PageFormat<P, T>): PagedResult<T> {
  return pagedResult(async function* () {
    const { correlationId } = pipeline.ids(options);
    let request: PageRequest | undefined = first;
    for (let page = 0; request && page < maxPages; page++) {
      const body: P = await pipeline.send(
        { ...request, parse: ({ body }) => format.parse(body) },
        // The caller's request id (if any) goes to the first page only: ids are per request.
        { ...options, correlationId, requestId: page === 0 ? options.requestId : undefined },
      );
      yield format.items(body);
      request = format.next(body);
    }
  });
}

/**
 * Pages through a Partner Center collection (docs/PARTNER-CENTER-REFERENCE.md §2.5): each answer's
 * `links.next` is re-issued with its method and every header it lists (notably
 * `MS-ContinuationToken`), with `seekOperation=Next` as the SDK adds, until there is no `next`.
 * Microsoft writes the link relative to the versioned root (`/customers?...`); the version is put
 * back in front of it as Microsoft's SDK does ({@link toPartnerCenterLinkPath}).
 */
export function pagePartnerCenterCollection<W extends z.ZodType, T>(
  pipeline: RequestPipeline,
  first: PageRequest,
  itemSchema: W,
  map: (item: z.infer<W>) => T,
  options: CallOptions = {},
): PagedResult<T> {
  const schema = memo(pcCollections, itemSchema, collectionSchema);
  return followPages(pipeline, first, options, {
    parse: (body) => schema.parse(body) as PcPage,
    items: (body) => (body.items as z.infer<W>[]).map(map),
    next: (body) => {
      const next = body.links?.next;
      if (!next || (body.items.length === 0 && !next.headers.length)) return undefined;
      const headers: Record<string, string> = {};
      for (const h of next.headers) headers[h.key] = h.value;
      let url = toPartnerCenterLinkPath(next.uri);
      if (!/[?&]seekOperation=/i.test(url)) url += `${url.includes('?') ? '&' : '?'}seekOperation=Next`;
      return {
        ...first,
        method: next.method.toUpperCase() === 'POST' ? 'POST' : 'GET',
        url,
        headers: { ...first.headers, ...headers },
        query: undefined,
      };
    },
  });
}

/** Pages through a Graph collection by `@odata.nextLink` (docs/PARTNER-CENTER-REFERENCE.md §12.3, `$skipToken`). */
export function pageGraphCollection<W extends z.ZodType, T>(
  pipeline: RequestPipeline,
  first: PageRequest,
  itemSchema: W,
  map: (item: z.infer<W>) => T,
  options: CallOptions = {},
): PagedResult<T> {
  const schema = memo(graphCollections, itemSchema, graphCollectionSchema);
  return followPages(pipeline, first, options, {
    parse: (body) => schema.parse(body) as GraphPage,
    items: (body) => (body.value as z.infer<W>[]).map(map),
    next: (body) => {
      const next = body['@odata.nextLink'];
      return next ? { ...first, url: next, query: undefined } : undefined;
    },
  });
}
