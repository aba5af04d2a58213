import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useHotkeys } from '@mantine/hooks';
import { Link as RouterLink, useLocation } from 'react-router';
import { ActionIcon, Alert, Badge, Box, Button, Group, Loader, NavLink, Stack, Text, TextInput } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { IconBuildingStore, IconBuildingWarehouse, IconChevronDown, IconChevronRight, IconSearch, IconUser } from '@tabler/icons-react';
import type { CompanySearch, TreeNode } from '@csphub/server/contract';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { PartnerOfRecordBadge } from './partner-of-record-badge';
import { useTree, visibleRows, type TreeRow } from './tree-data';

const ICONS = { distributor: IconBuildingWarehouse, reseller: IconBuildingStore, customer: IconUser } as const;
/**
 * Up to this many lines the tree is drawn whole (the browser's find works); beyond, only what is in
 * view. One virtual list either way (a whole one has an overscan of every line), so that growing past
 * the limit keeps the scroll position.
 */
const VIRTUAL_FROM_ROWS = 150;
const ROW_HEIGHT = 44;
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
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's functions change on every scroll by design; this component is left to plain React.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: virtual ? 12 : rows.length });
  const line = (row: TreeRow): ReactNode => {
    if (row.type === 'more') {
      return (
        <Box pl={row.depth * 12 + 22} py={4}>
          <Button size="compact-xs" variant="subtle" loading={loadingOf(row.parentId)} onClick={() => onMore(row.parentId)} data-testid={`tree-more-${row.parentId}`}>
            {t('tree.more', { shown: row.shown, total: row.total })}
          </Button>
        </Box>
      );
    }
    const { node, depth, open } = row;
    const link = <CompanyLink node={node} active={node.id === activeId} />;
    if (node.childCount === 0) return <Box pl={depth * 12 + 22}>{link}</Box>;
    return (
      <Group gap={0} wrap="nowrap" align="center" pl={depth * 12}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          onClick={() => onToggle(node.id, open)}
          aria-expanded={open}
          aria-label={t(open ? 'tree.fold' : 'tree.unfold', { name: node.name })}
          data-testid={`tree-toggle-${node.id}`}
        >
          {loadingOf(node.id) ? <Loader size={10} /> : open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
        </ActionIcon>
        {link}
      </Group>
    );
  };
  const keyOf = (row: TreeRow) => (row.type === 'node' ? `n${row.node.id}` : `m${row.parentId}`);
  return (
    <div ref={scrollRef} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-testid="tree-scroll">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div key={keyOf(rows[item.index]!)} data-index={item.index} ref={virtualizer.measureElement} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
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
        <Box key={m.id}>
          <CompanyLink node={m} active={m.id === activeId} emphasis trail={m.trail.map((a) => a.name).join(' › ')} />
        </Box>
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
 * keystroke's matches, so it stays light: a plain router link (the side bar knows which company is
 * open, so the router's NavLink matching its address on every line is not needed) and the readiness
 * badge's explanation as its title, not a floating tooltip per line.
 */
function CompanyLink({ node, active, emphasis, trail }: { node: TreeNode; active: boolean; emphasis?: boolean; trail?: string }) {
  const { t } = useI18n();
  const Icon = ICONS[node.kind];
  const inactive = node.status === 'inactive';
  const readiness = node.ready === null ? undefined : node.ready ? t('tree.ready') : t('tree.notReady');
  return (
    <NavLink
      component={RouterLink}
      to={`/companies/${node.id}`}
      active={active}
      aria-current={active ? 'page' : undefined}
      label={
        <Text size="sm" fw={emphasis ? 700 : undefined} c={inactive ? 'dimmed' : undefined} td={inactive ? 'line-through' : undefined} truncate>
          {node.name}
        </Text>
      }
      description={[trail, `${node.id}${node.domain ? ` · ${node.domain}` : ''}`].filter(Boolean).join(' · ')}
      leftSection={<Icon size={16} stroke={1.5} />}
      rightSection={
        node.porStatus === 'ineligible' ? (
          <PartnerOfRecordBadge status="ineligible" reason={node.porErrorDescription} compact />
        ) : readiness === undefined ? undefined : (
          <Badge size="xs" circle color={node.ready ? 'green' : 'orange'} aria-label={readiness} title={readiness}>
            {node.ready ? '✓' : '!'}
          </Badge>
        )
      }
      style={{ flex: 1, minWidth: 0 }}
      data-testid={`tree-node-${node.id}`}
    />
  );
}
