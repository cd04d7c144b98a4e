import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconChartBar, IconRoute, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatRelativeDay } from '../layout/clock.ts';
import { useTRPC } from '../trpc.ts';

export type View = 'today' | 'overdue' | 'upcoming' | 'done';

/**
 * What an empty inbox says, and where it leads. Tasks go to the rep who owns the customer, so a
 * manager's own inbox is nearly always empty: it says so and leads to the team's tasks, the reps'
 * completion and the journeys. A rep with nothing due today learns what comes next.
 */
export function EmptyInbox(props: { view: View; team: boolean; manager: boolean; overdue: number; onView: (view: View) => void; onTeam: () => void }) {
  const { t } = useTranslation();
  const journeys = (
    <Button component={Link} to="/journeys" size="xs" variant="default" leftSection={<IconRoute size={14} />}>
      {t('inbox.manager.journeys')}
    </Button>
  );
  let body: React.ReactNode;
  if (props.team) {
    body = (
      <>
        <Text c="dimmed">{t(`inbox.teamEmpty.${props.view}`)}</Text>
        {props.view === 'today' && <Group justify="center">{journeys}</Group>}
      </>
    );
  } else if (props.manager) {
    body = (
      <>
        <Text fw={600}>{t('inbox.manager.title')}</Text>
        <Text c="dimmed" size="sm" maw={520}>
          {t('inbox.manager.body')}
        </Text>
        <Group justify="center" gap="xs">
          <Button size="xs" leftSection={<IconUsers size={14} />} onClick={props.onTeam}>
            {t('inbox.manager.team')}
          </Button>
          <Button component={Link} to="/dashboards" size="xs" variant="default" leftSection={<IconChartBar size={14} />}>
            {t('inbox.manager.dashboards')}
          </Button>
          {journeys}
        </Group>
      </>
    );
  } else if (props.view === 'today') {
    body = <NothingToday overdue={props.overdue} onView={props.onView} />;
  } else {
    body = <Text c="dimmed">{t(`inbox.empty.${props.view}`)}</Text>;
  }
  return (
    <Paper withBorder p="xl" ta="center" data-testid="inbox-empty">
      <Stack gap="sm" align="center">
        {body}
      </Stack>
    </Paper>
  );
}

/** A rep's empty today: overdue work first, else the next task and when it is due, else how tasks arrive. */
function NothingToday(props: { overdue: number; onView: (view: View) => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const next = useQuery(trpc.tasks.mine.queryOptions({ view: 'upcoming', limit: 1 }));
  const task = next.data?.items[0];
  return (
    <>
      <Text fw={600}>{t('inbox.empty.today')}</Text>
      {props.overdue > 0 ? (
        <>
          <Text c="dimmed" size="sm">
            {t('inbox.rep.overdue', { count: props.overdue })}
          </Text>
          <Button size="xs" color="red" variant="light" rightSection={<IconArrowRight size={14} />} onClick={() => props.onView('overdue')}>
            {t('inbox.rep.showOverdue')}
          </Button>
        </>
      ) : task ? (
        <>
          <Text c="dimmed" size="sm" data-testid="inbox-next">
            {t('inbox.rep.next', { name: task.customer.name, when: formatRelativeDay(task.dueAt, i18n.language) })}
          </Text>
          <Button size="xs" variant="light" rightSection={<IconArrowRight size={14} />} onClick={() => props.onView('upcoming')}>
            {t('inbox.rep.showUpcoming')}
          </Button>
        </>
      ) : (
        next.isSuccess && (
          <Text c="dimmed" size="sm" maw={520}>
            {t('inbox.rep.none')}
          </Text>
        )
      )}
    </>
  );
}
