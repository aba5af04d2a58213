import { startTransition, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useHotkeys } from '@mantine/hooks';
import { Link as RouterLink, useLocation } from 'react-router';
import { Alert, Badge, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { IconBuildingStore, IconBuildingWarehouse, IconChevronDown, IconChevronRight, IconSearch, IconUser } from '@tabler/icons-react';
import type { CompanySearch, TreeNode } from '@csphub/server/contract';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { PartnerOfRecordBadge } from './partner-of-record-badge';
import { useTree, visibleRows, type TreeRow } from './tree-data';
import './company-tree.css';

const ICONS = { distributor: IconBuildingWarehouse, reseller: IconBuildingStore, customer: IconUser } as const;
/**
 * Up to this many lines the tree is drawn whole (the browser's find works); beyond, only what is in
 * view. One virtual list either way (a whole one has an overscan of every line), so that growing past
 * the limit keeps the scroll position.
 */
const VIRTUAL_FROM_ROWS = 150;
const ROW_HEIGHT = 48;
/**
 * The company tree of the side bar, read a branch at a time: small branches open by themselves,
 * large ones on request, a page of children at a time; long trees are drawn virtually (only the
 * lines in view exist). The search box asks the server (name, domain or number across the caller's
 * whole subtree) and lists the matches with where they sit. Every name is an ordinary link (Tab and
 * Enter open the company); a separate button beside a parent folds and unfolds its branch.
 */
export function CompanyTree() {
  const { t } = useI18n();
  const { root, branches, loading, error, refresh, loadBranch } = useTree();
  const [query, setQuery] = useState('');
  // Each keystroke asks the server at once, with no pause to wait for (the indexed search answers
  // in a few ms): the read of the text before it is aborted and its answer dropped (useApi), and
  // while an answer is on its way the previous matches stay in place, marked busy, so fast typing
  // never flashes a loader.
  const searched = query.trim();
  const [decided, setDecided] = useState<ReadonlyMap<number, boolean>>(new Map());
  const searchRef = useRef<HTMLInputElement>(null);
  // "/" jumps to the search box from anywhere, as in most consoles.
  useHotkeys([['/', () => searchRef.current?.focus()]]);
  const { pathname } = useLocation();
  const activeId = Number(/^\/companies\/(\d+)/.exec(pathname)?.[1]);
  const rows = useMemo(() => visibleRows(root, branches, decided), [root, branches, decided]);

  // An open branch that was never read is read now.
  useEffect(() => {
    for (const row of rows) if (row.type === 'node' && row.open && !branches.has(row.node.id)) loadBranch(row.node.id);
  }, [rows, branches, loadBranch]);

  if (loading && !root) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t('tree.loading')}</Text>
      </Group>
    );
  }
  if (error && !root) {
    return (
      <Alert color="red" title={t('tree.error')}>
        <Button size="xs" variant="light" onClick={refresh}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }
  const toggle = (id: number, open: boolean) => setDecided((prev) => new Map(prev).set(id, !open));
  return (
    <Stack gap={4} style={{ flex: 1, minHeight: 0 }}>
      <TextInput
        size="xs"
        ref={searchRef}
        placeholder={t('tree.searchPlaceholder')}
        aria-label={t('tree.search')}
        leftSection={<IconSearch size={14} />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
      />
      {searched ? (
        <SearchResults query={searched} activeId={activeId} />
      ) : (
        <nav aria-label={t('tree.title')} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          <TreeLines rows={rows} activeId={activeId} onToggle={toggle} onMore={(parentId) => loadBranch(parentId, true)} loadingOf={(id) => branches.get(id)?.loading ?? false} />
        </nav>
      )}
    </Stack>
  );
}

function TreeLines({ rows, activeId, onToggle, onMore, loadingOf }: { rows: TreeRow[]; activeId: number; onToggle: (id: number, open: boolean) => void; onMore: (parentId: number) => void; loadingOf: (id: number) => boolean }) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUAL_FROM_ROWS;
  // A short tree is drawn whole, but not at once: its first render (on the page's first load, the
  // side bar's first company links) draws what is in view, and the rest follows once that is
  // painted, as a transition that yields to the browser.
  const [whole, setWhole] = useState(false);
  useEffect(() => {
    if (virtual || whole) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => startTransition(() => setWhole(true)))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [virtual, whole]);
  // Every line has the same height (company-tree.css), so none is measured.
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's functions change on every scroll by design; this component is left to plain React.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: !virtual && whole ? rows.length : 12,
    initialRect: { width: 0, height: typeof window === 'undefined' ? 0 : window.innerHeight },
  });
  const line = (row: TreeRow): ReactNode => {
    if (row.type === 'more') {
      return (
        <div className="tree-line" style={{ paddingInlineStart: row.depth * 12 + 22 }}>
          <Button size="compact-xs" variant="subtle" loading={loadingOf(row.parentId)} onClick={() => onMore(row.parentId)} data-testid={`tree-more-${row.parentId}`}>
            {t('tree.more', { shown: row.shown, total: row.total })}
          </Button>
        </div>
      );
    }
    const { node, depth, open } = row;
    const link = <CompanyLink node={node} active={node.id === activeId} />;
    if (node.childCount === 0) return <div className="tree-line" style={{ paddingInlineStart: depth * 12 + 22 }}>{link}</div>;
    const Chevron = open ? IconChevronDown : IconChevronRight;
    return (
      <div className="tree-line" style={{ paddingInlineStart: depth * 12 }}>
        <button
          type="button"
          className="tree-toggle"
          onClick={() => onToggle(node.id, open)}
          aria-expanded={open}
          aria-label={t(open ? 'tree.fold' : 'tree.unfold', { name: node.name })}
          data-testid={`tree-toggle-${node.id}`}
        >
          {loadingOf(node.id) ? <Loader size={10} /> : <Chevron size={14} aria-hidden />}
        </button>
        {link}
      </div>
    );
  };
  const keyOf = (row: TreeRow) => (row.type === 'node' ? `n${row.node.id}` : `m${row.parentId}`);
  return (
    <div ref={scrollRef} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-testid="tree-scroll">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div key={keyOf(rows[item.index]!)} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
            {line(rows[item.index]!)}
          </div>
        ))}
      </div>
    </div>
  );
}

function SearchResults({ query, activeId }: { query: string; activeId: number }) {
  const { t } = useI18n();
  const found = useApi<CompanySearch>(`/api/v1/companies/search?q=${encodeURIComponent(query)}&limit=50`);
  if (!found.data) {
    if (found.error) return <Alert color="red" title={t('tree.error')} />;
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t('tree.searching')}</Text>
      </Group>
    );
  }
  // `aria-busy` while the answer to the latest query is on its way; `data-query`: the query whose matches are shown.
  const answered = { 'aria-busy': found.loading, 'data-query': found.loading ? undefined : query };
  if (found.data.matches.length === 0) {
    return (
      <Text size="sm" c="dimmed" {...answered}>
        {t('tree.noMatch', { query })}
      </Text>
    );
  }
  return (
    <nav aria-label={t('tree.title')} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} {...answered}>
      {found.data.matches.map((m) => (
        <CompanyLink key={m.id} node={m} active={m.id === activeId} emphasis trail={m.trail.map((a) => a.name).join(' › ')} />
      ))}
      {found.data.matches.length === 50 && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('tree.refine')}
        </Text>
      )}
    </nav>
  );
}

/**
 * One company's line, in the tree and in the matches. Drawn for every line in view and for each
 * keystroke's matches, so it stays light: a plain router link styled by company-tree.css (not
 * Mantine's NavLink, a handful of components per line; the side bar knows which company is open, so
 * no address matching per line either) and the readiness badge's explanation as its title, not a
 * floating tooltip per line.
 */
function CompanyLink({ node, active, emphasis, trail }: { node: TreeNode; active: boolean; emphasis?: boolean; trail?: string }) {
  const { t } = useI18n();
  const Icon = ICONS[node.kind];
  const readiness = node.ready === null ? undefined : node.ready ? t('tree.ready') : t('tree.notReady');
  return (
    <RouterLink to={`/companies/${node.id}`} className="tree-link" aria-current={active ? 'page' : undefined} data-testid={`tree-node-${node.id}`}>
      <Icon size={16} stroke={1.5} aria-hidden />
      <span className="tree-link-body">
        <span className="tree-link-name" data-emphasis={emphasis || undefined} data-inactive={node.status === 'inactive' || undefined}>
          {node.name}
        </span>
        <span className="tree-link-description">{[trail, `${node.id}${node.domain ? ` · ${node.domain}` : ''}`].filter(Boolean).join(' · ')}</span>
      </span>
      {node.porStatus === 'ineligible' ? (
        <PartnerOfRecordBadge status="ineligible" reason={node.porErrorDescription} compact />
      ) : readiness === undefined ? undefined : (
        <Badge size="xs" circle color={node.ready ? 'green' : 'orange'} aria-label={readiness} title={readiness}>
          {node.ready ? '✓' : '!'}
        </Badge>
      )}
    </RouterLink>
  );
}
