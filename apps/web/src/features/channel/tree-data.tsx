import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { apiFetch, ApiError } from '../../api/api-client';
import type { BranchNode, CompanyBranch } from '@csphub/server/contract';

/** A branch opens by itself when it holds at most this many companies (the demo channel opens whole). */
export const AUTO_OPEN_MAX_CHILDREN = 50;
/** Children fetched per request; "show more" fetches the next page. */
export const BRANCH_PAGE = 200;

export interface Branch {
  children: BranchNode[];
  total: number;
  loading: boolean;
  error: ApiError | undefined;
}

interface TreeData {
  /** The caller's own company, the tree's root. */
  root: BranchNode | undefined;
  rootId: number | undefined;
  loading: boolean;
  error: ApiError | undefined;
  /** The branches fetched so far, by parent id. */
  branches: ReadonlyMap<number, Branch>;
  /** Fetches a branch's children (the next page with `more`). */
  loadBranch(parentId: number, more?: boolean): void;
  /** Reads again the root and every branch fetched so far (after a change to names or readiness). */
  refresh(): void;
}

const TreeContext = createContext<TreeData | null>(null);

const ROOT_BRANCH = `/api/v1/companies/branch?limit=${BRANCH_PAGE}`;
/** The root's first page, asked as soon as the session check says someone is signed in (`app/early-reads.ts`). */
let earlyRoot: Promise<CompanyBranch> | undefined;

/**
 * Asks for the tree's root and its first page of children at once, instead of after the shell's
 * first render; the provider's first read takes this answer (later reads, a refresh, ask again).
 */
export function readRootBranchEarly(): void {
  if (earlyRoot) return;
  earlyRoot = apiFetch<CompanyBranch>(ROOT_BRANCH);
  earlyRoot.catch(() => undefined);
}

function toError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e), undefined);
}

/**
 * The caller's company tree, fetched a branch at a time (GET /companies/branch) and shared by the
 * side bar and the pages that refresh it. A channel of tens of thousands of companies never travels
 * whole: only the branches a person opens (and the small ones, which open by themselves) are read.
 */
export function TreeProvider({ children }: { children: ReactNode }) {
  const [root, setRoot] = useState<BranchNode | undefined>();
  const [rootState, setRootState] = useState<{ loading: boolean; error: ApiError | undefined }>({ loading: true, error: undefined });
  const [branches, setBranches] = useState<ReadonlyMap<number, Branch>>(new Map());
  const branchesRef = useRef(branches);
  branchesRef.current = branches;
  const generation = useRef(0);

  const patch = useCallback((id: number, next: (prev: Branch | undefined) => Branch) => {
    setBranches((prev) => new Map(prev).set(id, next(prev.get(id))));
  }, []);

  const fetchBranch = useCallback(
    async (parentId: number, offset: number, gen: number) => {
      patch(parentId, (prev) => ({ children: prev?.children ?? [], total: prev?.total ?? 0, loading: true, error: undefined }));
      try {
        const page = await apiFetch<CompanyBranch>(`/api/v1/companies/branch?parentId=${parentId}&offset=${offset}&limit=${BRANCH_PAGE}`);
        if (gen !== generation.current) return page;
        patch(parentId, (prev) => ({ children: offset === 0 ? page.children : [...(prev?.children ?? []), ...page.children], total: page.total, loading: false, error: undefined }));
        return page;
      } catch (e) {
        if (gen === generation.current) patch(parentId, (prev) => ({ children: prev?.children ?? [], total: prev?.total ?? 0, loading: false, error: toError(e) }));
        return undefined;
      }
    },
    [patch],
  );

  const loadBranch = useCallback(
    (parentId: number, more = false) => {
      const known = branchesRef.current.get(parentId);
      if (known?.loading) return;
      if (known && !more && !known.error) return;
      void fetchBranch(parentId, more ? (known?.children.length ?? 0) : 0, generation.current);
    },
    [fetchBranch],
  );

  const load = useCallback(async () => {
    const gen = ++generation.current;
    const opened = [...branchesRef.current.entries()].filter(([, b]) => b.children.length > 0).map(([id]) => id);
    setRootState((s) => ({ loading: true, error: s.error }));
    try {
      const pending = earlyRoot ?? apiFetch<CompanyBranch>(ROOT_BRANCH);
      earlyRoot = undefined;
      const first = await pending;
      if (gen !== generation.current) return;
      setRoot(first.parent);
      setBranches((prev) => new Map(prev).set(first.parent.id, { children: first.children, total: first.total, loading: false, error: undefined }));
      setRootState({ loading: false, error: undefined });
      // Branches read before stay current (names, readiness); each keeps its first page.
      for (const id of opened) if (id !== first.parent.id) void fetchBranch(id, 0, gen);
    } catch (e) {
      if (gen === generation.current) setRootState({ loading: false, error: toError(e) });
    }
  }, [fetchBranch]);

  useEffect(() => {
    void load();
  }, [load]);

  const value = useMemo<TreeData>(
    () => ({ root, rootId: root?.id, loading: rootState.loading, error: rootState.error, branches, loadBranch, refresh: () => void load() }),
    [root, rootState, branches, loadBranch, load],
  );
  return <TreeContext.Provider value={value}>{children}</TreeContext.Provider>;
}

export function useTree(): TreeData {
  const ctx = useContext(TreeContext);
  if (!ctx) throw new Error('useTree must be used inside <TreeProvider>');
  return ctx;
}

/** One line of the drawn tree: a company at its depth, or the "show more" line of a long branch. */
export type TreeRow = { type: 'node'; node: BranchNode; depth: number; open: boolean } | { type: 'more'; parentId: number; depth: number; shown: number; total: number };

/**
 * The lines to draw, parents before their children: a branch is drawn open when the person opened
 * it, or when nobody decided and it is small enough to open by itself. Pure, for the virtual list.
 */
export function visibleRows(root: BranchNode | undefined, branches: ReadonlyMap<number, Branch>, decided: ReadonlyMap<number, boolean>): TreeRow[] {
  const rows: TreeRow[] = [];
  if (!root) return rows;
  const isOpen = (node: BranchNode, depth: number) => node.childCount > 0 && (decided.get(node.id) ?? (depth === 0 || node.childCount <= AUTO_OPEN_MAX_CHILDREN));
  const walk = (node: BranchNode, depth: number) => {
    const open = isOpen(node, depth);
    rows.push({ type: 'node', node, depth, open });
    if (!open) return;
    const branch = branches.get(node.id);
    if (!branch) return;
    for (const child of branch.children) walk(child, depth + 1);
    if (branch.children.length < branch.total) rows.push({ type: 'more', parentId: node.id, depth: depth + 1, shown: branch.children.length, total: branch.total });
  };
  walk(root, 0);
  return rows;
}
