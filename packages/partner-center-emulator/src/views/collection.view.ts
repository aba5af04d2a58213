import type { Collection } from '@csphub/partner-center/wire';
import { PcHeader } from '@csphub/partner-center/wire';
import * as pcErrors from '../errors/pc-errors';

/** Largest page size (the Java SDK enforces 1–500, docs/PARTNER-CENTER-REFERENCE.md §2.5). */
export const MAX_PAGE_SIZE = 500;

/**
 * A request path as Microsoft writes it in `links.*.uri`: relative to the versioned root, so
 * `/v1/customers?size=2` becomes `/customers?size=2` (docs/PARTNER-CENTER-REFERENCE.md §2.5;
 * the item links of the views are written that way already).
 */
export function versionRelative(path: string): string {
  return path.replace(/^\/v1(?=[/?]|$)/, '') || '/';
}

/** An unpaged collection envelope (docs/PARTNER-CENTER-REFERENCE.md §17); `selfPath` is the request path (with or without `/v1`). */
export function collection<T>(items: T[], selfPath: string, objectType = 'Collection'): Collection<T> {
  return { totalCount: items.length, items, links: { self: { uri: versionRelative(selfPath), method: 'GET', headers: [] } }, attributes: { objectType } };
}

interface SeekState {
  /** Offset of the next page. */
  o: number;
  /** Page size. */
  s: number;
  /** The query the first page was asked with (filter etc.), kept so the token alone is enough. */
  q: string;
}

/** Continuation tokens are opaque (docs/PARTNER-CENTER-REFERENCE.md §2.5); the emulator's encode the offset, size and original query. */
export function encodeContinuation(state: SeekState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeContinuation(token: string): SeekState {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as SeekState;
    if (typeof value.o !== 'number' || typeof value.s !== 'number' || typeof value.q !== 'string') throw new Error('shape');
    return value;
  } catch {
    throw pcErrors.invalidProperty('The continuation token is not valid.', [PcHeader.continuationToken]);
  }
}

/**
 * Seek paging (docs/PARTNER-CENTER-REFERENCE.md §2.5): the first page takes `size` (0 = everything, as SDK filter queries send);
 * `links.next` carries the same path with `seekOperation=Next` and the `MS-ContinuationToken`
 * header; both links are relative to the versioned root, as Microsoft writes them. A request with the header continues where the token says, whatever its query string.
 */
export function seekPage<T>(
  all: T[],
  args: { basePath: string; query: string; size: number | undefined; continuationToken: string | undefined },
): Collection<T> {
  let offset = 0;
  let size = args.size ?? MAX_PAGE_SIZE;
  let query = args.query;
  if (args.continuationToken) {
    const state = decodeContinuation(args.continuationToken);
    offset = state.o;
    size = state.s;
    query = state.q;
  }
  if (size < 0 || size > MAX_PAGE_SIZE || !Number.isInteger(size)) throw pcErrors.invalidProperty(`size must be between 0 and ${MAX_PAGE_SIZE}.`, ['size']);
  const effective = size === 0 ? all.length : size;
  const items = all.slice(offset, offset + effective);
  const selfUri = versionRelative(`${args.basePath}${query ? `?${query}` : ''}`);
  const result: Collection<T> = {
    totalCount: items.length,
    items,
    links: { self: { uri: selfUri, method: 'GET', headers: [] } },
    attributes: { objectType: 'Collection' },
  };
  if (offset + effective < all.length) {
    const token = encodeContinuation({ o: offset + effective, s: size, q: query });
    const sep = query ? '&' : '?';
    result.links!.next = { uri: `${selfUri}${sep}seekOperation=Next`, method: 'GET', headers: [{ key: PcHeader.continuationToken, value: token }] };
    result.continuationToken = token;
  }
  return result;
}

/** Parses `size` (case-insensitive query name handled by the caller). */
export function parseSize(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw pcErrors.invalidProperty(`size must be an integer; got '${raw}'.`, ['size']);
  return n;
}
