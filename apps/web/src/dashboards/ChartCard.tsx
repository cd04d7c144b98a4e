import { Alert, Button, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../trpc.ts';

type QueryState = { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };

/** One dashboard card: title and help, an Export CSV button, and the loading, error and empty states. */
export function ChartCard(props: {
  testId: string;
  title: string;
  help: string;
  query: QueryState;
  empty: boolean;
  emptyText: string;
  onExport: () => void;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const ready = !props.query.isPending && !props.query.isError;
  return (
    <Card withBorder padding="md" data-testid={props.testId} component="section" aria-labelledby={`${props.testId}-title`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={3} size="h5" id={`${props.testId}-title`}>
              {props.title}
            </Title>
            <Text size="xs" c="dimmed">
              {props.help}
            </Text>
          </div>
          <Group gap="xs" wrap="nowrap">
            {props.actions}
            <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={props.onExport} disabled={!ready || props.empty}>
              {t('dashboards.exportCsv')}
            </Button>
          </Group>
        </Group>
        {props.query.isPending ? (
          <Center h={160} aria-busy="true">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Center>
        ) : props.query.isError ? (
          <Alert color="red" role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('dashboards.loadError', { message: errorText(props.query.error, i18n.language) })}</Text>
              <Button size="xs" variant="light" color="red" leftSection={<IconRefresh size={14} />} onClick={() => void props.query.refetch()}>
                {t('dashboards.retry')}
              </Button>
            </Stack>
          </Alert>
        ) : props.empty ? (
          <Text size="sm" c="dimmed" py="lg" ta="center" data-testid={`${props.testId}-empty`}>
            {props.emptyText}
          </Text>
        ) : (
          props.children
        )}
      </Stack>
    </Card>
  );
}
