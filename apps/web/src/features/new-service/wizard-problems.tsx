import { Alert, Anchor, List, Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages/en';
import type { FieldProblem, WizardField } from './wizard-state';

/** The step each field lives on (0 service, 1 terms, 2 configuration). */
export const STEP_OF_FIELD: Record<WizardField, number> = {
  service: 0,
  terms: 1,
  connection: 1,
  prefix: 2,
  adminUsername: 2,
  partnerId: 2,
  authorization: 2,
  'mca.firstName': 2,
  'mca.lastName': 2,
  'mca.email': 2,
  'mca.acceptedAt': 2,
};

/** The label a field's input carries, to find it on the page (the inputs are labelled, not numbered). */
const LABEL_OF_FIELD: Partial<Record<WizardField, MessageKey>> = {
  'mca.firstName': 'ns.mca.firstName',
  'mca.lastName': 'ns.mca.lastName',
  'mca.email': 'ns.mca.email',
  'mca.acceptedAt': 'ns.mca.date',
  adminUsername: 'ns.config.adminUsername',
};

/** The text of one problem in the reader's language. */
export function problemKey(p: FieldProblem): MessageKey {
  return `ns.problem.${p.field}.${p.code}` as MessageKey;
}

/**
 * Focuses a field once its step is shown: the element marked `data-field`, or inside the MCA
 * attestation the input whose label is the field's, else the first input of the marked block.
 */
export function focusField(field: WizardField, labelOf: (key: MessageKey) => string): void {
  const block =
    document.querySelector<HTMLElement>(`[data-field="${field}"]`) ??
    document.querySelector<HTMLElement>(`[data-field="${field.split('.')[0]}"]`);
  const labelKey = LABEL_OF_FIELD[field];
  const label = labelKey
    ? Array.from(document.querySelectorAll('label')).find(
        (l) => l.textContent?.replace(/\s*\*\s*$/, '').trim() === labelOf(labelKey),
      )
    : undefined;
  const byLabel = label?.htmlFor ? document.getElementById(label.htmlFor) : null;
  const target =
    byLabel ??
    (block?.matches('input,textarea,button')
      ? block
      : block?.querySelector<HTMLElement>('input,textarea,button')) ??
    block;
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
}

/** A list of problems, each with a link that takes the user to its field. */
export function ProblemList(props: {
  problems: FieldProblem[];
  onGoTo(field: WizardField): void;
  title?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  if (props.problems.length === 0) return null;
  return (
    <Alert color="red" role="alert" title={props.title} data-testid={props.testId}>
      <List size="sm" spacing={4}>
        {props.problems.map((p) => (
          <List.Item key={`${p.field}.${p.code}`} data-problem={`${p.field}.${p.code}`}>
            <Text size="sm" span>
              {t(problemKey(p))}{' '}
            </Text>
            <Anchor component="button" type="button" size="sm" onClick={() => props.onGoTo(p.field)}>
              {t('ns.problem.goTo')}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
