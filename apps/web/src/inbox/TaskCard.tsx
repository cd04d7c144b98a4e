import { ActionIcon, Anchor, Badge, Button, Checkbox, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlarm, IconCheck, IconCopy, IconDots, IconPlayerSkipForward, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useStages } from '../customers/StagePicker.tsx';
import { clockZone, dayOffset, formatDateTime, formatRelativeDay } from '../layout/clock.ts';
import type { Task } from './task.ts';
import { formatMoney } from '../layout/money.ts';

/**
 * One task in the inbox: the customer, the script to send, and what the rep can do with it. On a phone
 * the card is compact — the script clamped to two lines until the card is tapped, the rare actions in a
 * menu — so a rep sees several of the day's tasks at once.
 */
export function TaskCard(props: {
  task: Task;
  focused: boolean;
  selectable: boolean;
  /** The team's view names the rep who owns the task. */
  showOwner?: boolean;
  selected: boolean;
  busy: boolean;
  onFocus: () => void;
  onToggle: () => void;
  onCopy: () => void;
  onCopySend: () => void;
  onDone: () => void;
  onSkip: () => void;
  onSnooze: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { task } = props;
  // The way back from the customer returns to this inbox as it is (the team's view stays the team's).
  const location = useLocation();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  // Overdue means due before today (on the rep's clock): a task due earlier today is today's work, not late.
  const pending = task.status === 'open';
  const late = pending && dayOffset(new Date(task.dueAt), new Date(), clockZone()) < 0;
  const p = task.lastPurchase;
  // The workspace's own stage names (Settings → Stages), in the rep's language.
  const stages = useStages();
  // A task with nothing to send (a call, a visit) offers nothing to copy.
  const hasScript = task.script.trim() !== '';
  const priority = (
    <Badge size="sm" color={task.priority === 'high' ? 'red' : task.priority === 'low' ? 'gray' : 'blue'} variant={task.priority === 'high' ? 'filled' : 'light'}>
      {t(`inbox.priority.${task.priority}`)}
    </Badge>
  );
  const when = pending ? (
    <Text size="sm" c={late ? 'red' : 'dimmed'} fw={late ? 600 : undefined} title={formatDateTime(task.dueAt, lang)} data-testid="task-due" style={{ whiteSpace: 'nowrap' }}>
      {t(late ? 'inbox.overdueBy' : 'inbox.due', { when: formatRelativeDay(task.dueAt, lang) })}
    </Text>
  ) : (
    <Badge size="sm" color={task.status === 'done' ? 'teal' : 'gray'}>
      {t(`inbox.status.${task.status === 'done' ? 'done' : 'skipped'}`)}
      {task.outcome ? ` · ${t(`inbox.outcomes.${task.outcome}`)}` : ''}
      {task.closedVia === 'wecom' ? ` · ${t('groupSend.byWeCom')}` : ''}
    </Badge>
  );
  const meta = (
    <Text size="xs" c="dimmed" lineClamp={phone ? 1 : undefined}>
      {props.showOwner ? `${task.owner ? t('inbox.owner', { name: task.owner.name }) : t('inbox.unowned')} · ` : ''}
      {task.journey ? `${t('inbox.journeyOf', { name: task.journey.name })} · ` : ''}
      {t('inbox.lastPurchaseLabel')}
      {p
        ? [
            p.product,
            p.amount !== null ? formatMoney(p.amount, lang) : null,
            new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${p.date}T00:00:00Z`)),
          ]
            .filter(Boolean)
            .join(' · ')
        : t('inbox.noPurchase')}
    </Text>
  );
  return (
    <Paper
      id={`task-${task.id}`}
      data-testid="task-card"
      withBorder
      p={phone ? 'sm' : 'md'}
      onClick={props.onFocus}
      style={props.focused ? { borderColor: 'var(--mantine-color-teal-6)', boxShadow: '0 0 0 1px var(--mantine-color-teal-6)' } : undefined}
    >
      <Stack gap={phone ? 6 : 'xs'}>
        <Group justify="space-between" align="flex-start" wrap={phone ? 'nowrap' : 'wrap'} gap="xs">
          <Group gap="xs" wrap={phone ? 'nowrap' : 'wrap'} style={{ minWidth: 0, overflow: 'hidden' }}>
            {props.selectable && <Checkbox aria-label={t('inbox.select')} checked={props.selected} onChange={props.onToggle} disabled={props.busy} />}
            <Text fw={600} truncate>
              <Anchor component={Link} to={`/customers/${task.customer.id}`} state={{ from: `/inbox${location.search}` }} inherit c="inherit" underline="hover">
                {task.customer.name}
              </Anchor>
            </Text>
            <Badge variant="outline" size="sm" style={{ flexShrink: 0 }}>
              {task.customer.stage ? stages.label(task.customer.stage) : t('inbox.noStage')}
            </Badge>
            {task.customer.tags.slice(0, phone ? 1 : undefined).map((tag) => (
              <Badge key={tag} variant="light" color="gray" size="sm">
                {tag}
              </Badge>
            ))}
          </Group>
          {phone ? (
            (task.priority === 'high' || !pending) && <Group gap="xs" wrap="nowrap">{pending ? priority : when}</Group>
          ) : (
            <Group gap="xs">
              {priority}
              {when}
            </Group>
          )}
        </Group>
        {phone ? (
          <div>
            {/* The title first and whole: beside it when both fit, else the due text ("Overdue · 3 days ago") moves
                to its own line rather than squeezing the title. */}
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 'var(--mantine-spacing-xs)' }}>
              <Text fw={500} size="sm" lineClamp={2} data-testid="task-title" style={{ flex: '1 1 auto', minWidth: 0 }}>
                {task.title}
              </Text>
              {pending && <div style={{ flex: '0 1 auto', minWidth: 0, maxWidth: '100%', overflow: 'hidden' }}>{when}</div>}
            </div>
            {meta}
          </div>
        ) : (
          <div>
            <Text fw={500}>{task.title}</Text>
            {meta}
          </div>
        )}
        {pending && task.groupSend && task.groupSend.status !== 'sent' && (
          <Text size="xs" c={task.groupSend.status === 'pending' ? 'yellow.9' : 'red.8'} data-testid="task-group-send">
            {t(`groupSend.item.${task.groupSend.status}`)}
          </Text>
        )}
        {hasScript && (
          <Paper bg="gray.0" p={phone ? 'xs' : 'sm'} data-testid="task-script">
            <Text size={phone ? 'sm' : 'md'} lineClamp={phone && !props.focused ? 2 : undefined} style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7, userSelect: 'text' }}>
              {task.script}
            </Text>
          </Paper>
        )}
        {task.note && !pending && (
          <Text size="xs" c="dimmed">
            {task.note}
          </Text>
        )}
        {props.selectable && (phone ? <PhoneActions {...props} hasScript={hasScript} /> : (
          <Group gap="xs" wrap="wrap">
            {hasScript && (
              <Button size="xs" leftSection={<IconCopy size={14} />} onClick={props.onCopy}>
                {t('inbox.copy')}
              </Button>
            )}
            {hasScript && (
              <Button size="xs" variant="light" leftSection={<IconSend size={14} />} onClick={props.onCopySend} disabled={props.busy}>
                {t('inbox.copySend')}
              </Button>
            )}
            <Button size="xs" variant="default" leftSection={<IconCheck size={14} />} onClick={props.onDone} disabled={props.busy}>
              {t('inbox.done')}
            </Button>
            <Button size="xs" variant="default" leftSection={<IconPlayerSkipForward size={14} />} onClick={props.onSkip} disabled={props.busy}>
              {t('inbox.skip')}
            </Button>
            <Button size="xs" variant="subtle" leftSection={<IconAlarm size={14} />} onClick={props.onSnooze} disabled={props.busy}>
              {t('inbox.snooze')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** A phone's one row: the two taps a rep makes most (copy, and copy-and-mark-sent or done), the rest in a menu. */
function PhoneActions(props: Parameters<typeof TaskCard>[0] & { hasScript: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" onClick={(e) => e.stopPropagation()}>
      {props.hasScript ? (
        <>
          <Button size="xs" leftSection={<IconCopy size={14} />} onClick={props.onCopy}>
            {t('inbox.copyShort')}
          </Button>
          <Button size="xs" variant="light" leftSection={<IconSend size={14} />} onClick={props.onCopySend} disabled={props.busy}>
            {t('inbox.copySendShort')}
          </Button>
        </>
      ) : (
        <Button size="xs" variant="default" leftSection={<IconCheck size={14} />} onClick={props.onDone} disabled={props.busy}>
          {t('inbox.done')}
        </Button>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size={30} aria-label={t('inbox.more')} disabled={props.busy} ml="auto">
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {props.hasScript && (
            <Menu.Item leftSection={<IconCheck size={14} />} onClick={props.onDone}>
              {t('inbox.done')}
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconAlarm size={14} />} onClick={props.onSnooze}>
            {t('inbox.snooze')}
          </Menu.Item>
          <Menu.Item leftSection={<IconPlayerSkipForward size={14} />} onClick={props.onSkip}>
            {t('inbox.skip')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
