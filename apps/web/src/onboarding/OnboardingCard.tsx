import { Button, Group, Paper, Progress, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconCircleDashed } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTRPC } from '../trpc.ts';

/** Where each step is done in the app. */
const WHERE: Record<string, string> = {
  inviteReps: '/settings?tab=team',
  importCustomers: '/imports?kind=customers',
  importOrders: '/imports?kind=orders',
  publishJourney: '/journeys?new=1',
  firstTask: '/inbox',
};

/** The first-day checklist on the home page of a new workspace; gone once every step is done. */
export function OnboardingCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const onboarding = useQuery(trpc.workspace.onboarding.queryOptions(undefined, { refetchInterval: 20_000 }));
  if (!onboarding.data || onboarding.data.complete) return null;
  const { steps } = onboarding.data;
  const done = steps.filter((s) => s.done).length;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="onboarding-title" data-testid="onboarding">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} id="onboarding-title">
            {t('onboarding.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('onboarding.progress', { done, total: steps.length })}
          </Text>
        </Group>
        <Progress value={(done / steps.length) * 100} size="sm" aria-hidden />
        <Text size="sm" c="dimmed">
          {t('onboarding.intro')}
        </Text>
        {steps.map(({ step, done: isDone }) => (
          <Group key={step} justify="space-between" wrap="nowrap" data-testid="onboarding-step" data-step={step} data-done={isDone}>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon size="sm" radius="xl" color={isDone ? 'teal' : 'gray'} variant={isDone ? 'filled' : 'light'}>
                {isDone ? <IconCheck size={14} /> : <IconCircleDashed size={14} />}
              </ThemeIcon>
              <div>
                <Text size="sm" fw={500} td={isDone ? 'line-through' : undefined}>
                  {t(`onboarding.steps.${step}.title`)}
                </Text>
                {!isDone && (
                  <Text size="xs" c="dimmed">
                    {t(`onboarding.steps.${step}.hint`)}
                  </Text>
                )}
              </div>
            </Group>
            {!isDone && (
              <Button component={Link} to={WHERE[step]!} size="xs" variant="light">
                {t('onboarding.go')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
