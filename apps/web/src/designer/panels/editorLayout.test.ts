import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, PANEL_LIMITS, parseLayout } from './editorLayout.ts';

describe('parseLayout', () => {
  it('reads a stored layout and clamps widths to what the panels allow', () => {
    const stored = JSON.stringify({ paletteCollapsed: true, paletteWidth: 5000, inspectorCollapsed: false, inspectorWidth: 10, minimapHidden: true });
    expect(parseLayout(stored)).toEqual({ paletteCollapsed: true, paletteWidth: PANEL_LIMITS.palette.max, inspectorCollapsed: false, inspectorWidth: PANEL_LIMITS.inspector.min, minimapHidden: true });
  });

  it('falls back to the default for anything missing, mistyped or unreadable', () => {
    expect(parseLayout(null)).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('{not json')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('[1,2]')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout(JSON.stringify({ paletteCollapsed: 'yes', inspectorWidth: '400' }))).toEqual(DEFAULT_LAYOUT);
  });
});
