import { useMemo, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { Select, Stack, Text } from '@mantine/core';
import type { CompanySearch } from '@csphub/server/contract';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';

export interface PickedCompany {
  id: number;
  name: string;
}

/**
 * A searchable choice of one company of the caller's subtree, asked of the server as the person
 * types (name, domain or number), so it works the same for five customers or fifty thousand. Shows
 * the first 50 by name before anything is typed. Under each offered name, where the company sits
 * (the resellers between the caller and it) and its domain, so two companies of the same name can
 * be told apart in the list; `showId` also puts the number in the label itself.
 */
export function CompanyPicker({
  label,
  placeholder,
  kind,
  value,
  onChange,
  exclude = [],
  extra = [],
  nothingFound,
  testId,
  maw,
  showId = false,
}: {
  label: string;
  placeholder?: string;
  kind: 'customer' | 'reseller';
  value: PickedCompany | null;
  onChange: (picked: PickedCompany | null) => void;
  /** Ids never offered (the company being moved, its current parent). */
  exclude?: readonly number[];
  /** Offered first whatever is typed (the distributor itself as a move target). */
  extra?: readonly PickedCompany[];
  nothingFound: string;
  testId?: string;
  maw?: number;
  /** Labels read "Name (100017)", for pickers where two companies may share a name. */
  showId?: boolean;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  // Typing the chosen company's own label is not a new search.
  const labelOf = (c: PickedCompany) => (showId ? `${c.name} (${c.id})` : c.name);
  const asked = value && search === labelOf(value) ? '' : query;
  const settled = (value && search === labelOf(value) ? '' : search.trim()) === asked;
  const found = useApi<CompanySearch>(`/api/v1/companies/search?kind=${kind}&status=active&limit=50${asked ? `&q=${encodeURIComponent(asked)}` : ''}`);
  const current = settled && !found.loading;
  const { options, names, details } = useMemo(() => {
    const names = new Map<number, string>();
    const details = new Map<string, string>();
    const options: { value: string; label: string }[] = [];
    const add = (c: PickedCompany) => {
      if (names.has(c.id) || exclude.includes(c.id)) return;
      names.set(c.id, c.name);
      options.push({ value: String(c.id), label: showId ? `${c.name} (${c.id})` : c.name });
    };
    for (const c of extra) add(c);
    if (value) add(value);
    // Only the answer to what is typed now: Enter must never pick a match of an earlier search.
    if (current)
      for (const m of found.data?.matches ?? []) {
        add(m);
        // The trail starts at the caller's own company, the same for every match: only what lies below it tells them apart.
        const where = [...m.trail.slice(1).map((a) => a.name), m.domain].filter(Boolean).join(' · ');
        if (where) details.set(String(m.id), where);
      }
    return { options, names, details };
  }, [found.data, current, exclude, extra, value, showId]);
  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      data={options}
      renderOption={({ option }) => (
        <Stack gap={0}>
          <Text size="sm">{option.label}</Text>
          {details.has(option.value) && (
            <Text size="xs" c="dimmed">
              {details.get(option.value)}
            </Text>
          )}
        </Stack>
      )}
      value={value ? String(value.id) : null}
      onChange={(v) => onChange(v ? { id: Number(v), name: names.get(Number(v)) ?? v } : null)}
      nothingFoundMessage={current ? nothingFound : t('tree.searching')}
      maw={maw}
      data-testid={testId}
    />
  );
}
