import { ActionIcon, Alert, Box, Button, Code, CopyButton, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { localKindOf } from './public-url.ts';

/**
 * A saved app secret (Settings → WeCom): write-only, so the browser only ever gets its last four
 * characters — enough to tell which secret is saved — and a way to replace it.
 */
export function SavedSecret({ label, description, end, testId, onReplace }: { label: string; description?: string; end: string | null; testId: string; onReplace: () => void }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <TextInput
        label={label}
        description={description}
        readOnly
        variant="filled"
        value={end ? `••••••••${end}` : '••••••••'}
        title={end ? t('settings.wecom.secretSaved', { end }) : t('settings.wecom.secretSavedNoEnd')}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.04em' } }}
        style={{ flex: 1 }}
        data-testid={`${testId}-masked`}
      />
      <Button variant="default" onClick={onReplace} data-testid={`${testId}-replace`}>
        {t('settings.wecom.replace')}
      </Button>
    </Group>
  );
}

/** A copy button beside a value the admin pastes into WeCom's console. */
export function CopyValue({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('settings.wecom.copied') : t('settings.wecom.copy')} withArrow>
          <ActionIcon variant="default" size={36} onClick={copy} aria-label={`${t('settings.wecom.copy')} ${label}`} disabled={value === ''}>
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** Node's or WeCom's own words behind a failed check, folded away for whoever runs the server. */
export function TechnicalDetail({ detail }: { detail: string }) {
  const { t } = useTranslation();
  return (
    <Box component="details" mt={2} data-testid="wecom-detail">
      <Text component="summary" size="xs" c="dimmed" style={{ cursor: 'pointer' }}>
        {t('settings.wecom.details')}
      </Text>
      <Stack gap={4} mt={4}>
        <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {detail}
        </Code>
        <Text size="xs" c="dimmed">
          {t('settings.wecom.detailsHelp')}
        </Text>
      </Stack>
    </Box>
  );
}

/**
 * The callback URL WeCom must call, when it points at this machine or an intranet: WeCom calls
 * from the internet and can never reach it, whatever the admin pastes in its console.
 */
export function CallbackWarning({ url, publicUrlSet }: { url: string; publicUrlSet: boolean }) {
  const { t } = useTranslation();
  const kind = localKindOf(url);
  if (!kind) return null;
  const host = new URL(url).host;
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={t('settings.wecom.localTitle')} data-testid="wecom-callback-local">
      <Text size="sm">{t(kind === 'loopback' ? 'settings.wecom.localLoopback' : 'settings.wecom.localPrivate', { host })}</Text>
      <Text size="sm" mt={4}>
        {t(publicUrlSet ? 'settings.wecom.localFixSet' : 'settings.wecom.localFix')}
      </Text>
    </Alert>
  );
}
