/** Who saved the draft, and when, after this editor loaded it (from the CONFLICT error's details). */
export type ConflictDetails = { currentRevision: number; savedAt: string | null; savedBy: { id: string; name: string | null } | null };

export type SaveState =
  | { phase: 'idle'; lastSavedAt: number | null }
  | { phase: 'saving'; lastSavedAt: number | null }
  | { phase: 'failed'; error: string; lastSavedAt: number | null }
  /** Autosave stops until the operator chooses whose draft to keep: never a silent overwrite. */
  | { phase: 'conflict'; conflict: ConflictDetails; lastSavedAt: number | null };

export type SaveEvent =
  | { type: 'start'; force?: boolean }
  | { type: 'saved'; at: number }
  | { type: 'failed'; error: string }
  | { type: 'conflict'; conflict: ConflictDetails }
  /** The draft was reloaded (their version, or after leaving a read-only view). */
  | { type: 'reset' };

export const initialSaveState: SaveState = { phase: 'idle', lastSavedAt: null };

export function saveReducer(state: SaveState, event: SaveEvent): SaveState {
  const { lastSavedAt } = state;
  switch (event.type) {
    case 'start':
      // Only "keep mine" may save over a conflict.
      if (state.phase === 'conflict' && !event.force) return state;
      return { phase: 'saving', lastSavedAt };
    case 'saved':
      return { phase: 'idle', lastSavedAt: event.at };
    case 'failed':
      return state.phase === 'conflict' ? state : { phase: 'failed', error: event.error, lastSavedAt };
    case 'conflict':
      return { phase: 'conflict', conflict: event.conflict, lastSavedAt };
    case 'reset':
      return { phase: 'idle', lastSavedAt };
  }
}

export type SaveStatus = 'saved' | 'saving' | 'dirty' | 'conflict' | 'failed' | 'readOnly';

/** What the header shows: a conflict outranks everything, then a save in flight, then unsaved edits. */
export function saveStatus(state: SaveState, dirty: boolean, readOnly: boolean): SaveStatus {
  if (readOnly) return 'readOnly';
  if (state.phase === 'conflict') return 'conflict';
  if (state.phase === 'saving') return 'saving';
  if (state.phase === 'failed') return 'failed';
  return dirty ? 'dirty' : 'saved';
}

/** Reads the CONFLICT details the API sends (`data.domain.details`), or null when they are not there. */
export function conflictDetails(details: unknown): ConflictDetails | null {
  if (!details || typeof details !== 'object') return null;
  const d = details as Record<string, unknown>;
  if (typeof d.currentRevision !== 'number') return null;
  const by = d.savedBy as { id?: unknown; name?: unknown } | null | undefined;
  return {
    currentRevision: d.currentRevision,
    savedAt: typeof d.savedAt === 'string' ? d.savedAt : null,
    savedBy: by && typeof by.id === 'string' ? { id: by.id, name: typeof by.name === 'string' ? by.name : null } : null,
  };
}
