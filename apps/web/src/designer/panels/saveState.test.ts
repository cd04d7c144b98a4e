import { describe, expect, it } from 'vitest';
import type { SaveState } from './saveState.ts';
import { conflictDetails, initialSaveState, saveReducer, saveStatus } from './saveState.ts';

const conflict = { currentRevision: 7, savedAt: '2026-03-02T02:00:00.000Z', savedBy: { id: 'u2', name: '李运营' } };

describe('save state', () => {
  it('goes idle → saving → saved and shows unsaved edits in between', () => {
    let s: SaveState = initialSaveState;
    expect(saveStatus(s, false, false)).toBe('saved');
    expect(saveStatus(s, true, false)).toBe('dirty');
    s = saveReducer(s, { type: 'start' });
    expect(saveStatus(s, true, false)).toBe('saving');
    s = saveReducer(s, { type: 'saved', at: 42 });
    expect(s).toEqual({ phase: 'idle', lastSavedAt: 42 });
    expect(saveStatus(s, false, false)).toBe('saved');
  });

  it('holds a conflict until resolved: autosave cannot start, only "keep mine" (force) can', () => {
    let s = saveReducer(saveReducer(initialSaveState, { type: 'start' }), { type: 'conflict', conflict });
    expect(saveStatus(s, true, false)).toBe('conflict');
    expect(saveReducer(s, { type: 'start' })).toBe(s);
    expect(saveReducer(s, { type: 'failed', error: 'x' })).toBe(s);
    s = saveReducer(s, { type: 'start', force: true });
    expect(s.phase).toBe('saving');
    expect(saveReducer(s, { type: 'saved', at: 1 }).phase).toBe('idle');
    expect(saveReducer(saveReducer(initialSaveState, { type: 'conflict', conflict }), { type: 'reset' }).phase).toBe('idle');
  });

  it('reports a failed save until the next attempt, and read-only above all', () => {
    const failed = saveReducer(saveReducer(initialSaveState, { type: 'start' }), { type: 'failed', error: 'offline' });
    expect(saveStatus(failed, true, false)).toBe('failed');
    expect(saveReducer(failed, { type: 'start' }).phase).toBe('saving');
    expect(saveStatus(failed, true, true)).toBe('readOnly');
  });

  it('reads conflict details defensively', () => {
    expect(conflictDetails(conflict)).toEqual(conflict);
    expect(conflictDetails({ currentRevision: 3, savedAt: null, savedBy: null })).toEqual({ currentRevision: 3, savedAt: null, savedBy: null });
    expect(conflictDetails({ savedAt: 'x' })).toBeNull();
    expect(conflictDetails(null)).toBeNull();
  });
});
