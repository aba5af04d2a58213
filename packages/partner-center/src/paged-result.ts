/**
 * A list Partner Center returns page by page. Iterate it with `for await` to get items one at a
 * time (pages are fetched lazily, so breaking early fetches no more), or call `pages()` for whole
 * pages (a UI table), or `toArray()` when the list is known to be small.
 */
export interface PagedResult<T> extends AsyncIterable<T> {
  pages(): AsyncIterable<T[]>;
  toArray(): Promise<T[]>;
}

/** Wraps a page generator factory into a {@link PagedResult}. Each iteration starts from page one. */
export function pagedResult<T>(fetchPages: () => AsyncGenerator<T[]>): PagedResult<T> {
  return {
    pages: fetchPages,
    async *[Symbol.asyncIterator]() {
      for await (const page of fetchPages()) yield* page;
    },
    async toArray() {
      const all: T[] = [];
      for await (const page of fetchPages()) all.push(...page);
      return all;
    },
  };
}
