import { useMemo, useRef, useState } from 'react';
import { useHotkeys } from '@mantine/hooks';
import { NavLink as RouterNavLink, useLocation } from 'react-router';
import { ActionIcon, Alert, Badge, Box, Button, Collapse, Group, Loader, NavLink, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconBuildingStore, IconBuildingWarehouse, IconChevronDown, IconChevronRight, IconSearch, IconUser } from '@tabler/icons-react';
import type { TreeNode } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { PartnerOfRecordBadge } from './partner-of-record-badge';
import { filterTree, useTree } from './tree-data';

const ICONS = { distributor: IconBuildingWarehouse, reseller: IconBuildingStore, customer: IconUser } as const;

/**
 * The searchable company tree of the side bar: search by name, domain or numeric id; matches keep
 * their parents visible; each customer shows whether it is ready to provision. Every name is an
 * ordinary link (Tab and Enter open the company, parents included); a separate button beside a
 * parent folds and unfolds its branch.
 */
export function CompanyTree() {
  const { t } = useI18n();
  const { nodes, loading, error, refresh } = useTree();
  const [query, setQuery] = useState('');
  const [folded, setFolded] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setFolded((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const searchRef = useRef<HTMLInputElement>(null);
  // "/" jumps to the search box from anywhere, as in most consoles.
  useHotkeys([['/', () => searchRef.current?.focus()]]);
  const { pathname } = useLocation();
  const activeId = Number(/^\/companies\/(\d+)/.exec(pathname)?.[1]);
  const { visible, matches } = useMemo(() => filterTree(nodes ?? [], query), [nodes, query]);
  const children = useMemo(() => {
    const map = new Map<number | null, TreeNode[]>();
    for (const n of nodes ?? []) map.set(n.parentId, [...(map.get(n.parentId) ?? []), n]);
    for (const list of map.values()) list.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'reseller' ? -1 : 1));
    return map;
  }, [nodes]);

  if (loading && !nodes) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t('tree.loading')}</Text>
      </Group>
    );
  }
  if (error && !nodes) {
    return (
      <Alert color="red" title={t('tree.error')}>
        <Button size="xs" variant="light" onClick={refresh}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }
  const render = (node: TreeNode) => {
    if (!visible.has(node.id)) return null;
    const Icon = ICONS[node.kind];
    const kids = (children.get(node.id) ?? []).filter((k) => visible.has(k.id));
    const open = query ? true : !folded.has(node.id);
    const link = (
      <NavLink
        component={RouterNavLink}
        to={`/companies/${node.id}`}
        active={node.id === activeId}
        label={
          <Text size="sm" fw={matches.has(node.id) ? 700 : undefined} c={node.status === 'inactive' ? 'dimmed' : undefined} td={node.status === 'inactive' ? 'line-through' : undefined}>
            {node.name}
          </Text>
        }
        description={`${node.id}${node.domain ? ` · ${node.domain}` : ''}`}
        leftSection={<Icon size={16} stroke={1.5} />}
        rightSection={
          node.porStatus === 'ineligible' ? (
            <PartnerOfRecordBadge status="ineligible" reason={node.porErrorDescription} compact />
          ) : node.ready === null ? undefined : (
            <Tooltip label={node.ready ? t('tree.ready') : t('tree.notReady')}>
              <Badge size="xs" circle color={node.ready ? 'green' : 'orange'} aria-label={node.ready ? t('tree.ready') : t('tree.notReady')}>
                {node.ready ? '✓' : '!'}
              </Badge>
            </Tooltip>
          )
        }
        style={{ flex: 1, minWidth: 0 }}
        data-testid={`tree-node-${node.id}`}
      />
    );
    if (kids.length === 0) return <Box key={node.id} pl={22}>{link}</Box>;
    return (
      <Box key={node.id}>
        <Group gap={0} wrap="nowrap" align="center">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={() => toggle(node.id)}
            disabled={!!query}
            aria-expanded={open}
            aria-label={t(open ? 'tree.fold' : 'tree.unfold', { name: node.name })}
            data-testid={`tree-toggle-${node.id}`}
          >
            {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          </ActionIcon>
          {link}
        </Group>
        <Collapse expanded={open}>
          <Box pl={12}>{kids.map(render)}</Box>
        </Collapse>
      </Box>
    );
  };
  const roots = (nodes ?? []).filter((n) => n.parentId === null);
  return (
    <Stack gap={4}>
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
      {query && matches.size === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tree.noMatch', { query })}
        </Text>
      ) : (
        <nav aria-label={t('tree.title')}>{roots.map(render)}</nav>
      )}
    </Stack>
  );
}
