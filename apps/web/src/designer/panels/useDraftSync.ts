import { JourneyGraph } from '@sopline/graph';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useTRPC } from '../../trpc.ts';
import { flushPendingEdits } from '../forms/pendingEdits.ts';
import { useDesigner } from '../store.ts';
import { conflictOf, domainOf } from './apiErrors.ts';
import { notify } from './notify.ts';
import { draftSaveClient, fitsKeepalive } from './saveClient.ts';
import type { ConflictDetails, SaveEvent, SaveState } from './saveState.ts';
import { initialSaveState, saveReducer, saveStatus } from './saveState.ts';

/** Autosave runs this long after the last change. */
export const AUTOSAVE_MS = 1_500;
/** A save that failed for a passing reason (network, server restart) is retried after this long. */
const RETRY_MS = 10_000;

/** What the canvas shows: the draft, or a published version opened read-only. */
export type Showing = { kind: 'draft' } | { kind: 'version'; versionId: string; version: number };

/**
 * Keeps the designer store and the saved draft in step: loads the draft, autosaves it with the
 * revision it was based on, turns a CONFLICT into a choice (never a silent overwrite), and switches
 * between the draft and read-only versions.
 */
export function useDraftSync(journeyId: string) {
  const { i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const journey = useQuery({ ...trpc.journeys.get.queryOptions({ id: journeyId }), refetchOnMount: 'always' });
  const [showing, setShowing] = useState<Showing | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const [state, setState] = useState<SaveState>(initialSaveState);
  const stateRef = useRef(state);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The draft as the save in flight sent it. */
  const sending = useRef<string | null>(null);
  const dirty = useDesigner((s) => s.dirty);
  const readOnly = useDesigner((s) => s.readOnly);

  const apply = useCallback((event: SaveEvent) => {
    stateRef.current = saveReducer(stateRef.current, event);
    setState(stateRef.current);
  }, []);

  const loadGraph = useCallback(
    (graph: unknown, revision: number, readOnly: boolean): boolean => {
      const parsed = JourneyGraph.safeParse(graph);
      if (!parsed.success) {
        setUnreadable(true);
        return false;
      }
      setUnreadable(false);
      useDesigner.getState().load(journeyId, parsed.data, revision, { readOnly });
      return true;
    },
    [journeyId],
  );

  const fetchDraft = useCallback(() => queryClient.fetchQuery({ ...trpc.journeys.get.queryOptions({ id: journeyId }), staleTime: 0 }), [queryClient, trpc, journeyId]);

  // The first load waits for a fresh copy: a cached one could be older than the saved draft.
  useEffect(() => {
    if (showing || !journey.data || !journey.isFetchedAfterMount) return;
    if (loadGraph(journey.data.graph, journey.data.revision, journey.data.status === 'archived')) setShowing({ kind: 'draft' });
  }, [showing, journey.data, journey.isFetchedAfterMount, loadGraph]);

  const schedule = useRef<(delay?: number) => void>(() => undefined);

  /** Saves the draft now if it has unsaved changes. True when the draft is saved (or nothing to save). */
  const save = useCallback(
    async (options: { force?: boolean; baseRevision?: number } = {}): Promise<boolean> => {
      flushPendingEdits();
      if (timer.current) clearTimeout(timer.current);
      while (inFlight.current) await inFlight.current;
      const s = useDesigner.getState();
      if (s.journeyId !== journeyId || s.readOnly) return true;
      if (stateRef.current.phase === 'conflict' && !options.force) return false;
      if (!s.dirty && !options.force) return true;
      const graph = s.graph();
      const sent = JSON.stringify(graph);
      apply({ type: 'start', force: options.force });
      sending.current = sent;
      const run = (async () => {
        try {
          const result = await draftSaveClient.journeys.saveDraft.mutate({ id: journeyId, graph, baseRevision: options.baseRevision ?? s.revision });
          const now = useDesigner.getState();
          if (now.journeyId === journeyId && !now.readOnly) {
            // Edits made while saving stay unsaved (and are saved next) but build on the new revision.
            if (JSON.stringify(now.graph()) === sent) now.markSaved(result.revision);
            else useDesigner.setState({ revision: result.revision });
            now.setProblems(result.problems);
          }
          apply({ type: 'saved', at: Date.now() });
          void queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() });
          return true;
        } catch (err) {
          const conflict = conflictOf(err);
          if (conflict) apply({ type: 'conflict', conflict });
          else {
            apply({ type: 'failed', error: errorText(err, i18n.language) });
            // A refusal with a reason (archived, malformed) will not pass on retry; a dropped connection may.
            if (!domainOf(err)) schedule.current(RETRY_MS);
          }
          return false;
        } finally {
          inFlight.current = null;
          sending.current = null;
        }
      })();
      inFlight.current = run;
      const ok = await run;
      if (ok && useDesigner.getState().dirty) schedule.current();
      return ok;
    },
    [apply, journeyId, queryClient, trpc, i18n],
  );

  useEffect(() => {
    schedule.current = (delay = AUTOSAVE_MS) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), delay);
    };
  }, [save]);

  // Autosave: a moment after the last change to the graph or settings.
  useEffect(
    () =>
      useDesigner.subscribe((s, prev) => {
        if (s.journeyId !== journeyId || s.readOnly || !s.dirty) return;
        if (s.nodes === prev.nodes && s.edges === prev.edges && s.settings === prev.settings && s.dirty === prev.dirty) return;
        schedule.current();
      }),
    [journeyId],
  );

  // Leaving the editor in the app saves what is pending. Hiding or closing the tab saves at once, not
  // after the autosave pause, with a request that outlives the page; the browser asks before closing
  // only when that save cannot be trusted to arrive.
  useEffect(() => {
    const pending = () => {
      const s = useDesigner.getState();
      return s.journeyId === journeyId && s.dirty && !s.readOnly;
    };
    const saveNow = () => {
      flushPendingEdits();
      if (pending()) void save();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') saveNow();
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      saveNow();
      if (!pending()) return;
      const json = JSON.stringify(useDesigner.getState().graph());
      const queued = inFlight.current !== null && sending.current !== json;
      if (stateRef.current.phase === 'conflict' || queued || !fitsKeepalive(json)) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('pagehide', saveNow);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('pagehide', saveNow);
      document.removeEventListener('visibilitychange', onVisibility);
      void save();
    };
  }, [journeyId, save]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  /** Conflict: discard local edits and load the draft as the other editor saved it. */
  const reloadDraft = useCallback(async () => {
    try {
      const fresh = await fetchDraft();
      if (loadGraph(fresh.graph, fresh.revision, fresh.status === 'archived')) setShowing({ kind: 'draft' });
      apply({ type: 'reset' });
    } catch (err) {
      notify({ color: 'red', message: errorText(err, i18n.language) });
    }
  }, [apply, fetchDraft, loadGraph, i18n]);
  const loadTheirs = reloadDraft;

  /** Conflict: save this editor's draft over theirs, on top of their revision. */
  const keepMine = useCallback(async () => {
    const current = stateRef.current;
    if (current.phase !== 'conflict') return save();
    return save({ force: true, baseRevision: current.conflict.currentRevision });
  }, [save]);

  /** Opens a published version read-only, after saving the draft (refused while it cannot be saved). */
  const viewVersion = useCallback(
    async (versionId: string): Promise<boolean> => {
      if (!(await save())) return false;
      const v = await queryClient.fetchQuery(trpc.journeys.version.queryOptions({ id: journeyId, versionId }));
      if (!loadGraph(v.graph, useDesigner.getState().revision, true)) return false;
      setShowing({ kind: 'version', versionId, version: v.version });
      return true;
    },
    [save, queryClient, trpc, journeyId, loadGraph],
  );

  const backToDraft = reloadDraft;

  /** A publish refused because the draft moved on: the same choice as a save conflict. */
  const raiseConflict = useCallback((conflict: ConflictDetails) => apply({ type: 'conflict', conflict }), [apply]);

  return {
    journey,
    showing,
    unreadable,
    saveState: state,
    status: saveStatus(state, dirty, readOnly),
    save,
    loadTheirs,
    keepMine,
    viewVersion,
    backToDraft,
    raiseConflict,
    /** The save phase now (not as of the last render), for code that awaited a save. */
    currentPhase: () => stateRef.current.phase,
  };
}

export type DraftSync = ReturnType<typeof useDraftSync>;
