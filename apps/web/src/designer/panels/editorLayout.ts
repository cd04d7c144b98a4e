import { create } from 'zustand';

/** How the editor's side panels and minimap are arranged; each user's choice is kept on this device. */
export type EditorLayout = {
  paletteCollapsed: boolean;
  paletteWidth: number;
  inspectorCollapsed: boolean;
  inspectorWidth: number;
  minimapHidden: boolean;
};

export const PANEL_LIMITS = {
  palette: { min: 200, max: 420, default: 260 },
  inspector: { min: 300, max: 640, default: 380 },
} as const;
/** The width of a collapsed panel: a rail with the button that opens it again. */
export const RAIL_WIDTH = 40;

export const DEFAULT_LAYOUT: EditorLayout = {
  paletteCollapsed: false,
  paletteWidth: PANEL_LIMITS.palette.default,
  inspectorCollapsed: false,
  inspectorWidth: PANEL_LIMITS.inspector.default,
  minimapHidden: false,
};

export const clampWidth = (panel: keyof typeof PANEL_LIMITS, width: number): number =>
  Math.round(Math.min(PANEL_LIMITS[panel].max, Math.max(PANEL_LIMITS[panel].min, Number.isFinite(width) ? width : PANEL_LIMITS[panel].default)));

export const layoutKey = (userId: string) => `sopline.designer.layout.${userId}`;

/** A stored layout, read defensively: anything missing or malformed falls back to the default. */
export function parseLayout(stored: string | null): EditorLayout {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = stored ? JSON.parse(stored) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } catch {
    // A damaged entry is as good as none.
  }
  const bool = (key: keyof EditorLayout) => (typeof raw[key] === 'boolean' ? (raw[key] as boolean) : (DEFAULT_LAYOUT[key] as boolean));
  const num = (key: 'paletteWidth' | 'inspectorWidth', panel: keyof typeof PANEL_LIMITS) => (typeof raw[key] === 'number' ? clampWidth(panel, raw[key] as number) : DEFAULT_LAYOUT[key]);
  return {
    paletteCollapsed: bool('paletteCollapsed'),
    paletteWidth: num('paletteWidth', 'palette'),
    inspectorCollapsed: bool('inspectorCollapsed'),
    inspectorWidth: num('inspectorWidth', 'inspector'),
    minimapHidden: bool('minimapHidden'),
  };
}

type LayoutStore = EditorLayout & {
  userId: string | null;
  /** Loads the signed-in user's layout (once per user). */
  loadFor(userId: string): void;
  set(patch: Partial<EditorLayout>): void;
};

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const useEditorLayout = create<LayoutStore>((set, get) => ({
  ...DEFAULT_LAYOUT,
  userId: null,
  loadFor(userId) {
    if (get().userId === userId) return;
    set({ userId, ...parseLayout(storage()?.getItem(layoutKey(userId)) ?? null) });
  },
  set(patch) {
    set(patch);
    const { userId, paletteCollapsed, paletteWidth, inspectorCollapsed, inspectorWidth, minimapHidden } = get();
    if (!userId) return;
    try {
      storage()?.setItem(layoutKey(userId), JSON.stringify({ paletteCollapsed, paletteWidth, inspectorCollapsed, inspectorWidth, minimapHidden }));
    } catch {
      // Storage full or refused: the layout still applies for this visit.
    }
  },
}));
