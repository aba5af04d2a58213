import { Alert, Text, type AlertProps } from '@mantine/core';
import { useI18n } from './i18n';
import { problemDetails, problemText } from './problem-text';

/** A failed request as an alert: the sentence for the person, then a small details line for support. */
export function ProblemAlert({ error, ...props }: { error: unknown } & Omit<AlertProps, 'children'>) {
  const { t, locale } = useI18n();
  const details = problemDetails(t, error);
  return (
    <Alert color="red" role="alert" {...props}>
      <Text size="sm">{problemText(t, error, locale)}</Text>
      {details && (
        <Text size="xs" c="dimmed" mt={4} data-testid="problem-details">
          {details}
        </Text>
      )}
    </Alert>
  );
}
