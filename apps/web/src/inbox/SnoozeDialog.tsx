import { Button, Divider, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockZone, formatRelativeDay, fromLocalInput, toLocalInput, zoneDiffers, zoneLabel } from '../layout/clock.ts';
import { SNOOZE_PRESETS, snoozeUntil } from './logic.ts';

const YEAR_MS = 365 * 86_400_000;

/**
 * "Later": the presets (in an hour, tomorrow 9:00, next Monday 9:00) or a time the rep picks, all read on
 * the rep's clock — the one the inbox's today and upcoming are counted in — and each shown as it will read.
 */
export function SnoozeDialog(props: { opened: boolean; onClose: () => void; onSnooze: (until: Date) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zone = clockZone();
  const [now, setNow] = useState(() => new Date());
  const [custom, setCustom] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (props.opened) {
      const at = new Date();
      setNow(at);
      setCustom(toLocalInput(snoozeUntil('tomorrow', at, zone), zone));
      setError(null);
    }
  }, [props.opened, zone]);

  function submitCustom() {
    const until = fromLocalInput(custom, zone);
    if (!until) return setError(t('inbox.customInvalid'));
    if (until.getTime() <= Date.now()) return setError(t('inbox.customPast'));
    if (until.getTime() > Date.now() + YEAR_MS) return setError(t('inbox.customFar'));
    props.onSnooze(until);
  }

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('inbox.snoozeTitle')} size="sm">
      <Stack gap="xs">
        {/* The zone once, for every time below, when this device reads another clock. */}
        {zoneDiffers(now, zone) && (
          <Text size="xs" c="dimmed" data-testid="snooze-zone">
            {t('inbox.customZone', { zone: zoneLabel(lang, zone) })}
          </Text>
        )}
        {SNOOZE_PRESETS.map((preset) => (
          <Button key={preset} variant="light" justify="space-between" data-autofocus={preset === 'hour' ? true : undefined} onClick={() => props.onSnooze(snoozeUntil(preset, new Date(), zone))}
            rightSection={preset === 'tomorrow' ? null : <Text size="xs" c="dimmed">{formatRelativeDay(snoozeUntil(preset, now, zone).toISOString(), lang, { now, label: false })}</Text>}>
            {t(`inbox.presets.${preset}`)}
          </Button>
        ))}
        <Divider label={t('inbox.customLabel')} labelPosition="left" />
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submitCustom();
          }}
        >
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <TextInput
              type="datetime-local"
              aria-label={t('inbox.customLabel')}
              value={custom}
              onChange={(e) => {
                setCustom(e.currentTarget.value);
                setError(null);
              }}
              error={error}
              data-testid="snooze-custom"
              style={{ flex: 1 }}
            />
            <Button type="submit" variant="default" style={{ flexShrink: 0 }}>
              {t('inbox.customApply')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Modal>
  );
}
