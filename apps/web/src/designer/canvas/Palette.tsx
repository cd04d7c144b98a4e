import type { Lang } from '@sopline/graph';
import { Box, CloseButton, Group, ScrollArea, Stack, Text, TextInput, ThemeIcon, Tooltip } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { langOf, useCatalogList } from '../catalog.ts';
import { useDesigner } from '../store.ts';
import { CATEGORY_COLOR, categoryColorVar } from './categories.ts';
import { PALETTE_MIME, paletteDrag } from './dnd.ts';
import { nodeIcon } from './icons.ts';
import type { PaletteEntry } from './paletteSearch.ts';
import { paletteGroups } from './paletteSearch.ts';
import { useAddStep } from './useAddStep.ts';

type ItemProps = { entry: PaletteEntry; lang: Lang; onAdd(type: string): void; onMove(from: HTMLElement, delta: number): void };

const PaletteItem = memo(function PaletteItem({ entry, lang, onAdd, onMove }: ItemProps) {
  const [dragging, setDragging] = useState(false);
  const Icon = nodeIcon(entry.icon, entry.category);
  return (
    <Tooltip label={entry.description[lang]} multiline w={300} position="right" withArrow openDelay={500} disabled={dragging}>
      <div
        className="sopline-palette-item"
        role="button"
        tabIndex={0}
        draggable
        data-palette-item
        data-testid={`palette-item-${entry.type}`}
        onDragStart={(e) => {
          e.dataTransfer.setData(PALETTE_MIME, entry.type);
          e.dataTransfer.effectAllowed = 'copy';
          paletteDrag.start(entry.type);
          setDragging(true);
        }}
        onDragEnd={() => {
          paletteDrag.end();
          setDragging(false);
        }}
        onDoubleClick={() => onAdd(entry.type)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') onAdd(entry.type);
          else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') onMove(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
          else return;
          e.preventDefault();
        }}
      >
        <ThemeIcon variant="light" color={CATEGORY_COLOR[entry.category]} size={30} radius="md">
          <Icon size={18} stroke={1.8} />
        </ThemeIcon>
        <Box miw={0} style={{ flex: 1 }}>
          <Text size="sm" fw={600} lh={1.3}>
            {entry.title[lang]}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {entry.description[lang]}
          </Text>
        </Box>
      </div>
    </Tooltip>
  );
});

function PaletteBody() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [query, setQuery] = useState('');
  // Built-ins and the plugins the server has installed (they arrive with nodeTypes.list).
  const entries: readonly PaletteEntry[] = useCatalogList();
  const groups = useMemo(() => paletteGroups(entries, query), [entries, query]);
  const addStep = useAddStep();
  const list = useRef<HTMLDivElement>(null);
  const onAdd = useCallback((type: string) => void addStep(type), [addStep]);
  /** Arrow keys walk the items; from the search box (no `from`) they enter the list. */
  const onMove = useCallback((from: HTMLElement | null, delta: number) => {
    const items = [...(list.current?.querySelectorAll<HTMLElement>('[data-palette-item]') ?? [])];
    const at = from ? items.indexOf(from) : -1;
    items[at < 0 ? 0 : Math.max(0, Math.min(items.length - 1, at + delta))]?.focus();
  }, []);
  const first = groups[0]?.items[0];

  return (
    <Stack data-testid="palette" gap="xs" h="100%" p="sm" style={{ minHeight: 0 }}>
      <TextInput
        size="sm"
        placeholder={t('designer.canvas.palette.search')}
        aria-label={t('designer.canvas.palette.search')}
        leftSection={<IconSearch size={16} />}
        rightSection={query ? <CloseButton size="sm" aria-label={t('designer.canvas.palette.clear')} onClick={() => setQuery('')} /> : null}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'ArrowDown') onMove(null, 0);
          else if (e.key === 'Enter' && first) onAdd(first.type);
          else if (e.key === 'Escape' && query) setQuery('');
          else return;
          e.preventDefault();
        }}
        data-testid="palette-search"
      />
      <ScrollArea style={{ flex: 1 }} type="auto" offsetScrollbars>
        <Stack gap="sm" ref={list}>
          {groups.map((group) => (
            <div key={group.category} data-testid={`palette-group-${group.category}`}>
              <Group gap={6} mb={2} px={4}>
                <span style={{ width: 8, height: 8, borderRadius: 4, background: categoryColorVar(group.category) }} />
                <Text size="xs" fw={700} c="dimmed">
                  {t(`designer.canvas.palette.groups.${group.category}`)}
                </Text>
              </Group>
              {group.items.map((entry) => (
                <PaletteItem key={entry.type} entry={entry} lang={lang} onAdd={onAdd} onMove={onMove} />
              ))}
            </div>
          ))}
          {groups.length === 0 && (
            <Text size="sm" c="dimmed" px={4}>
              {t('designer.canvas.palette.noMatch', { q: query.trim() })}
            </Text>
          )}
        </Stack>
      </ScrollArea>
      <Text size="xs" c="dimmed" px={4}>
        {t('designer.canvas.palette.hint')}
      </Text>
    </Stack>
  );
}

/**
 * The node types, grouped and searchable. Drag an item onto the canvas (or onto a connection), or
 * press Enter / double-click to add it. Renders nothing while the canvas is read-only. Must sit
 * inside `<DesignerFlowProvider>`.
 */
export function Palette() {
  const readOnly = useDesigner((s) => s.readOnly);
  return readOnly ? null : <PaletteBody />;
}
