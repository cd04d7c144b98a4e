import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconCheckbox, IconClock, IconDoorEnter, IconFlag, IconMessageCircle, IconPlayerStop, IconShoppingBag, IconStairsUp, IconTag, IconTimelineEvent } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { langOf } from '../i18n/lang.ts';
import { formatWhen } from '../designer/panels/format.ts';
import type { Profile, Tone, Translate } from './timeline.ts';
import { describeItem, taskTitlesOf } from './timeline.ts';

const LOOK: Record<Tone, { icon: typeof IconTag; color: string }> = {
  event: { icon: IconTimelineEvent, color: 'gray' },
  purchase: { icon: IconShoppingBag, color: 'grape' },
  tag: { icon: IconTag, color: 'blue' },
  stage: { icon: IconStairsUp, color: 'indigo' },
  reply: { icon: IconMessageCircle, color: 'teal' },
  task: { icon: IconCheckbox, color: 'orange' },
  enter: { icon: IconDoorEnter, color: 'teal' },
  step: { icon: IconArrowRight, color: 'cyan' },
  wait: { icon: IconClock, color: 'yellow' },
  exit: { icon: IconFlag, color: 'teal' },
  removed: { icon: IconPlayerStop, color: 'red' },
};
export const MAX_TIMELINE = 200;

/** Events, journey steps, tasks and removals, newest first; "Show more" asks for a longer stretch. */
export function TimelineCard({ profile, limit, onMore, loadingMore }: { profile: Profile; limit: number; onMore(): void; loadingMore: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const titles = taskTitlesOf(profile.timeline);
  const when = (iso: string) => formatWhen(iso, i18n.language);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={4}>{t('customers.timeline.title')}</Title>
        {profile.timeline.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('customers.timeline.empty')}
          </Text>
        )}
        <Stack gap={0} component="ol" m={0} p={0} style={{ listStyle: 'none' }} data-testid="customer-timeline">
          {profile.timeline.map((item, i) => {
            const d = describeItem(item, t as unknown as Translate, lang, when, titles);
            const look = LOOK[d.tone];
            const Icon = look.icon;
            const last = i === profile.timeline.length - 1;
            return (
              <Group key={`${item.type}:${item.id}`} component="li" gap="sm" wrap="nowrap" align="stretch" data-testid="timeline-item">
                <Stack gap={0} align="center" style={{ flexShrink: 0 }}>
                  <ThemeIcon size={26} radius="xl" variant="light" color={look.color}>
                    <Icon size={15} />
                  </ThemeIcon>
                  {!last && <div style={{ flex: 1, width: 2, background: 'var(--mantine-color-gray-3)', minHeight: 8 }} />}
                </Stack>
                <Stack gap={2} pb="sm" style={{ minWidth: 0, flex: 1 }}>
                  <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
                    <Text size="sm" fw={500} style={{ wordBreak: 'break-word', minWidth: 0, flex: 1 }}>
                      {d.title}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
                      <time dateTime={item.at}>{when(item.at)}</time>
                    </Text>
                  </Group>
                  {d.script && (
                    <Text
                      size="xs"
                      lineClamp={4}
                      title={d.script}
                      aria-label={t('customers.timeline.script')}
                      data-testid="timeline-script"
                      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', borderLeft: '2px solid var(--mantine-color-orange-3)', paddingLeft: 8 }}
                    >
                      {d.script}
                    </Text>
                  )}
                  {d.details.map((line, k) => (
                    <Text key={k} size="xs" c="dimmed" style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>
                      {line}
                    </Text>
                  ))}
                </Stack>
              </Group>
            );
          })}
        </Stack>
        {profile.timeline.length >= limit && limit < MAX_TIMELINE && (
          <Button variant="light" size="xs" onClick={onMore} loading={loadingMore}>
            {t('customers.timeline.more')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
