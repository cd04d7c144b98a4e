import { Box, Button, Group, Input, Menu, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconBraces, IconChevronDown } from '@tabler/icons-react';
import { SCRIPT_VARIABLES } from '@sopline/node-send-script/manifest';
import { Fragment, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { langOf } from '../catalog.ts';
import type { LeafProps } from './fields.tsx';
import { useFieldChrome } from './fields.tsx';
import { textMaxMessage } from './issues.ts';
import { insertVariable, previewParts, sampleValues } from './scriptPreview.ts';
import { useBufferedField } from './useBufferedField.ts';

/**
 * The send-script node's own editor for its script: variables inserted at the cursor, a character
 * count, the node's own problems (unknown variables) inline, and a live preview for a sample customer.
 */
export function ScriptField({ field, raw, messages, set }: LeafProps<'text'>) {
  const { t, i18n } = useTranslation();
  const max = field.maxLength ?? Infinity;
  // Over the limit the field says so once, with the real limit: the schema's own "at most" is dropped.
  const tooLongSchema = Number.isFinite(max) ? textMaxMessage(max).en : null;
  const chrome = useFieldChrome(field.path, field, messages?.filter((m) => m.en !== tooLongSchema));
  const textarea = useRef<HTMLTextAreaElement>(null);
  const { display, change, flush } = useBufferedField<string>(
    raw,
    (r) => (typeof r === 'string' ? r : ''),
    (d) => d,
    set,
  );
  const over = display.length - max;
  const error = [over > 0 ? t('designer.script.tooLong', { max, over }) : null, chrome.error].filter(Boolean).join('\n') || undefined;
  const values = useMemo(() => sampleValues(t('designer.script.sampleOwner'), langOf(i18n.language)), [t, i18n.language]);
  const parts = useMemo(() => previewParts(display, values), [display, values]);

  const insert = (name: string, prefix: boolean) => {
    const el = textarea.current;
    const start = el?.selectionStart ?? display.length;
    const end = el?.selectionEnd ?? display.length;
    const next = insertVariable(display, start, end, name, prefix);
    change(next.script);
    flush();
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };

  return (
    <Stack gap={6}>
      <Input.Wrapper label={chrome.label} withAsterisk={chrome.withAsterisk} description={chrome.description}>
        <Group justify="space-between" mt={4} mb={4}>
          <Menu position="bottom-start" width={300} disabled={chrome.disabled}>
            <Menu.Target>
              <Button size="compact-xs" variant="light" leftSection={<IconBraces size={14} />} rightSection={<IconChevronDown size={12} />} disabled={chrome.disabled}>
                {t('designer.script.insert')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('designer.script.insertHint')}</Menu.Label>
              {SCRIPT_VARIABLES.map((v) => (
                <Menu.Item key={v.name} onClick={() => insert(v.name, v.prefix === true)}>
                  <Text size="sm">{v.label[chrome.lang]}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {`{{${v.name}${v.prefix ? '…' : ''}}}`}
                  </Text>
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Text size="xs" c={display.length > max ? 'red' : 'dimmed'} aria-live="polite">
            {t('designer.script.chars', { count: display.length, max })}
          </Text>
        </Group>
        <Textarea
          ref={textarea}
          value={display}
          onChange={(e) => change(e.currentTarget.value)}
          onBlur={flush}
          autosize
          minRows={5}
          maxRows={16}
          disabled={chrome.disabled}
          error={error}
          aria-label={chrome.label}
          styles={{ error: { whiteSpace: 'pre-line' } }}
        />
      </Input.Wrapper>
      <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
        <Text size="xs" fw={600}>
          {t('designer.script.preview')}
        </Text>
        <Text size="xs" c="dimmed" mb={6}>
          {t('designer.script.previewHint')}
        </Text>
        {display.trim() === '' ? (
          <Text size="sm" c="dimmed">
            {t('designer.script.previewEmpty')}
          </Text>
        ) : (
          <Box data-testid="script-preview" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 'var(--mantine-font-size-sm)' }}>
            {parts.map((p, i) => (
              <Fragment key={i}>
                {p.kind === 'text' && p.text}
                {p.kind === 'value' && (
                  <Box component="mark" title={`{{${p.name}}}`} style={{ background: 'var(--mantine-color-teal-1)', borderRadius: 3, padding: '0 2px' }}>
                    {p.text}
                  </Box>
                )}
                {p.kind === 'unknown' && (
                  <Box component="span" title={t('designer.script.unknownInPreview')} style={{ color: 'var(--mantine-color-red-7)', textDecoration: 'underline wavy' }}>
                    {`{{${p.name}}}`}
                  </Box>
                )}
              </Fragment>
            ))}
          </Box>
        )}
      </Paper>
    </Stack>
  );
}
