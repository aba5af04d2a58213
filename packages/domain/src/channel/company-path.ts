/**
 * The hierarchy is stored as a materialized path of numeric ids, `/1/4/17/`, so that "is X inside the
 * caller's subtree" is one prefix test in SQL and in memory, with no recursive query.
 */

/** The path of a company given its parent's path (or none for the root). */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** True when `path` is `rootPath` itself or lies beneath it. */
export function isWithinPath(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/** The ids along a path, root first (the company itself last). */
export function idsOfPath(path: string): number[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map(Number);
}

/** Depth of a path: the root has depth 0. */
export function depthOfPath(path: string): number {
  return idsOfPath(path).length - 1;
}

/**
 * The path a descendant gets when its ancestor at `oldPrefix` moves to `newPrefix`. Throws when the
 * descendant is not under `oldPrefix`, which would mean the caller picked the wrong rows.
 */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) throw new Error(`${path} is not under ${oldPrefix}`);
  return newPrefix + path.slice(oldPrefix.length);
}
