import { describe, expect, it } from 'vitest';
import type { BranchNode } from '@csphub/server/contract';
import { AUTO_OPEN_MAX_CHILDREN, visibleRows, type Branch } from './tree-data';

const node = (id: number, parentId: number | null, childCount: number, kind: BranchNode['kind'] = 'reseller'): BranchNode => ({
  id,
  parentId,
  kind,
  name: `C${id}`,
  domain: null,
  status: 'active',
  ready: null,
  porStatus: null,
  porErrorDescription: null,
  childCount,
});
const branch = (children: BranchNode[], total = children.length): Branch => ({ children, total, loading: false, error: undefined });

describe('visibleRows', () => {
  it('opens the root and small branches by themselves, keeps large ones closed, and follows what the person decided', () => {
    const root = node(1, null, 2, 'distributor');
    const small = node(2, 1, 3);
    const large = node(3, 1, AUTO_OPEN_MAX_CHILDREN + 1);
    const branches = new Map([
      [1, branch([small, large])],
      [2, branch([node(4, 2, 0, 'customer'), node(5, 2, 0, 'customer'), node(6, 2, 0, 'customer')])],
    ]);
    const ids = (decided = new Map<number, boolean>()) => visibleRows(root, branches, decided).map((r) => (r.type === 'node' ? r.node.id : `more:${r.parentId}`));
    expect(ids()).toEqual([1, 2, 4, 5, 6, 3]);
    expect(ids(new Map([[2, false]]))).toEqual([1, 2, 3]);
    expect(ids(new Map([[1, false]]))).toEqual([1]);
    // Opened by the person but not read yet: no children drawn until the branch arrives.
    expect(ids(new Map([[3, true]]))).toEqual([1, 2, 4, 5, 6, 3]);
  });

  it('adds a "show more" line while a branch has children left to read', () => {
    const root = node(1, null, 500, 'distributor');
    const rows = visibleRows(root, new Map([[1, branch([node(2, 1, 0, 'customer')], 500)]]), new Map());
    expect(rows.at(-1)).toEqual({ type: 'more', parentId: 1, depth: 1, shown: 1, total: 500 });
  });

  it('draws nothing before the root arrives', () => {
    expect(visibleRows(undefined, new Map(), new Map())).toEqual([]);
  });
});
