import { Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { Fragment, memo } from 'react';
import { useTranslation } from 'react-i18next';
import { comboLabel, GESTURES, IS_MAC, SHORTCUTS } from './shortcuts.ts';

/** Every canvas shortcut and gesture, in the operator's language and with this platform's key names. */
export const ShortcutsHelp = memo(function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('designer.canvas.shortcuts.title')} size="lg" data-testid="shortcuts-help">
      <Stack gap="md">
        <Table verticalSpacing={6} striped={false} withRowBorders>
          <Table.Tbody>
            {SHORTCUTS.map(({ action, combos }) => (
              <Table.Tr key={action}>
                <Table.Td>{t(`designer.canvas.shortcuts.actions.${action}`)}</Table.Td>
                <Table.Td>
                  <Group gap={6} justify="flex-end" wrap="nowrap">
                    {combos.map((combo, i) => (
                      <Fragment key={i}>
                        {i > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('designer.canvas.shortcuts.or')}
                          </Text>
                        )}
                        <span>
                          {comboLabel(combo, IS_MAC).map((k, j) => (
                            <Fragment key={j}>
                              {j > 0 && ' + '}
                              <Kbd size="sm">{k}</Kbd>
                            </Fragment>
                          ))}
                        </span>
                      </Fragment>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('designer.canvas.shortcuts.mouse')}
          </Text>
          <Stack gap={4}>
            {GESTURES.map((g) => (
              <Text key={g} size="sm">
                {t(`designer.canvas.shortcuts.gestures.${g}`)}
              </Text>
            ))}
          </Stack>
        </div>
      </Stack>
    </Modal>
  );
});
