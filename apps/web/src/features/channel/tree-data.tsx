import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useApi } from '../../api/use-api';
import type { TreeNode } from '../../api/types';

interface TreeData {
  nodes: TreeNode[] | undefined;
  rootId: number | undefined;
  loading: boolean;
  error: Error | undefined;
  /** Reloads the tree (after a change that may alter names or readiness). */
  refresh(): void;
  byId: Map<number, TreeNode>;
}

const TreeContext = createContext<TreeData | null>(null);

/** Loads the caller's company tree once and shares it (side bar, breadcrumbs, pickers). */
export function TreeProvider({ children }: { children: ReactNode }) {
  const tree = useApi<{ rootId: number; nodes: TreeNode[] }>('/api/v1/companies/tree');
  const value = useMemo<TreeData>(
    () => ({
      nodes: tree.data?.nodes,
      rootId: tree.data?.rootId,
      loading: tree.loading,
      error: tree.error,
      refresh: tree.reload,
      byId: new Map((tree.data?.nodes ?? []).map((n) => [n.id, n])),
    }),
    [tree.data, tree.loading, tree.error, tree.reload],
  );
  return <TreeContext.Provider value={value}>{children}</TreeContext.Provider>;
}

export function useTree(): TreeData {
  const ctx = useContext(TreeContext);
  if (!ctx) throw new Error('useTree must be used inside <TreeProvider>');
  return ctx;
}

/** The nodes matching a search by name, domain or numeric id, with their ancestors (to keep the tree shape). */
export function filterTree(nodes: TreeNode[], query: string): { visible: Set<number>; matches: Set<number> } {
  const q = query.trim().toLowerCase();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  if (!q) return { visible: new Set(nodes.map((n) => n.id)), matches: new Set() };
  const matches = new Set(nodes.filter((n) => n.name.toLowerCase().includes(q) || (n.domain ?? '').toLowerCase().includes(q) || String(n.id).includes(q)).map((n) => n.id));
  const visible = new Set<number>();
  for (const id of matches) {
    let cur = byId.get(id);
    while (cur && !visible.has(cur.id)) {
      visible.add(cur.id);
      cur = cur.parentId !== null ? byId.get(cur.parentId) : undefined;
    }
  }
  return { visible, matches };
}
