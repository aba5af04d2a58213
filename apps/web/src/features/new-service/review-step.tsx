import { Anchor, List, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import type { OnboardingContext } from '@csphub/server/contract';
import { tenantDomainOf, type ChecklistItem, type WizardField, type WizardState } from './wizard-state';
import { problemKey } from './wizard-problems';

/** Order review: everything collected, and the prerequisite checklist that gates Finish. */
export function ReviewStep(props: { ctx: OnboardingContext; state: WizardState; checklist: ChecklistItem[]; needsPartnerId: boolean; onGoTo(field: WizardField): void }) {
  const { t } = useI18n();
  const { ctx, state } = props;
  const connection = ctx.connections.find((c) => c.id === state.connectionId);
  const yes = (b: boolean) => (b ? t('ns.review.yes') : t('ns.review.no'));
  const a = state.attestation;
  const user = state.adminUsername.trim() || 'admin';
  const adminLine = state.domainPrefix.trim() ? `${user}@${tenantDomainOf(state.domainPrefix)}` : t('ns.review.adminPending', { user });
  const rows: [string, string][] = [
    [t('ns.review.service'), t('ns.service.microsoft-tenant')],
    [t('ns.review.connection'), connection ? `${connection.name} (${connection.region})` : '—'],
    [
      t('ns.review.path'),
      state.existing
        ? t('ns.review.pathExisting', { domain: state.authorization?.authorization.defaultDomain ?? state.verify?.defaultDomain ?? state.customerDomain })
        : t('ns.review.pathNew', { domain: tenantDomainOf(state.domainPrefix) }),
    ],
    ...(!state.existing
      ? ([
          [t('ns.review.admin'), `${adminLine} · ${t('ns.config.requirePasswordChange')}: ${yes(state.requirePasswordChange)}`],
          [t('ns.review.culture'), state.culture],
        ] as [string, string][])
      : []),
    [t('ns.review.gdap'), yes(state.gdap)],
    ...(props.needsPartnerId ? ([[t('ns.review.partnerId'), state.partnerId.trim() || t('ns.review.none')]] as [string, string][]) : []),
    [
      t('ns.review.mca'),
      state.existing && state.verify?.mcaOnRecord
        ? t('ns.mca.onRecord')
        : t('ns.review.signatory', { name: `${a.firstName} ${a.lastName}`.trim() || t('ns.review.notGiven'), email: a.email.trim() || t('ns.review.notGiven'), company: state.signatory.companyName, country: state.signatory.country, language: state.signatory.language }),
    ],
    [t('ns.notifyMe'), yes(state.notifyMe)],
  ];
  const label = (i: ChecklistItem) => (i.key === 'billingAddress' && i.source === 'reseller' ? t('ns.check.billingAddressReseller') : t(`ns.check.${i.key}`));
  return (
    <Stack>
      <Table>
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th w={220}>{k}</Table.Th>
              <Table.Td>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3} size="h5">
        {t('ns.review.checklist')}
      </Title>
      <List spacing="xs" data-testid="checklist">
        {props.checklist.map((i) => (
          <List.Item
            key={i.key}
            data-ok={i.ok}
            icon={
              <ThemeIcon color={i.ok ? 'green' : 'red'} size={20} radius="xl">
                {i.ok ? <IconCheck size={12} /> : <IconX size={12} />}
              </ThemeIcon>
            }
          >
            <Text size="sm">{label(i)}</Text>
            {!i.ok &&
              i.problems?.map((p) => (
                <Text key={p} size="xs" c="red">
                  {p}
                </Text>
              ))}
            {!i.ok &&
              i.reasons?.map((r) => (
                <Text key={`${r.field}.${r.code}`} size="xs" c="red" data-reason={`${r.field}.${r.code}`}>
                  {t(problemKey(r))}{' '}
                  <Anchor component="button" type="button" size="xs" onClick={() => props.onGoTo(r.field)}>
                    {t('ns.problem.goTo')}
                  </Anchor>
                </Text>
              ))}
            {!i.ok && i.problems && i.problems.length > 0 && (
              <Anchor component={Link} to={`/companies/${ctx.company.id}`} size="xs">
                {t('ns.check.fixOnCompany')}
              </Anchor>
            )}
          </List.Item>
        ))}
      </List>
      {props.checklist.some((i) => !i.ok) && (
        <Text size="sm" c="dimmed">
          {t('ns.review.missing')}
        </Text>
      )}
    </Stack>
  );
}
