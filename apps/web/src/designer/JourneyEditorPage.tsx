import { Alert, Box, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertOctagon, IconDeviceDesktop, IconEye } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { errorText, httpStatusOf, useTRPC, useTRPCClient } from '../trpc.ts';
import { adoptNodeTypes } from './catalog.ts';
import { Canvas, DesignerFlowProvider, Palette } from './canvas/index.ts';
import { flushPendingEdits } from './forms/pendingEdits.ts';
import { ConflictModal } from './panels/ConflictModal.tsx';
import { BackLink, EditorHeader } from './panels/EditorHeader.tsx';
import { EnrolDialog } from './panels/EnrolDialog.tsx';
import { FailedCustomers } from './panels/FailedCustomers.tsx';
import { useFailuresPanel } from './panels/failuresPanel.ts';
import { Inspector } from './panels/Inspector.tsx';
import { ProblemsPanel } from './panels/ProblemsPanel.tsx';
import { PublishDialog } from './panels/PublishDialog.tsx';
import { SettingsDialog } from './panels/SettingsDialog.tsx';
import { SimulateDrawer } from './panels/SimulateDrawer.tsx';
import type { DraftSync } from './panels/useDraftSync.ts';
import { useDraftSync } from './panels/useDraftSync.ts';
import { useLiveCounts } from './panels/useLiveCounts.ts';
import { VersionsDrawer } from './panels/VersionsDrawer.tsx';
import { useEditorLayout } from './panels/editorLayout.ts';
import { SidePanel } from './panels/SidePanel.tsx';
import { useDesigner } from './store.ts';
import { notify } from './panels/notify.ts';

/** Below the app shell's 52 px header. */
const EDITOR_HEIGHT = 'calc(100dvh - 52px)';

export function JourneyEditorPage() {
  const { id = '' } = useParams();
  // A new journey id is a new editor: nothing of the previous one's state carries over.
  return <JourneyEditor key={id} journeyId={id} />;
}

function JourneyEditor({ journeyId }: { journeyId: string }) {
  const { t, i18n } = useTranslation();
  const sync = useDraftSync(journeyId);
  const { journey } = sync;
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const userId = me.data?.user.id;
  const loadLayout = useEditorLayout((s) => s.loadFor);
  // The operator's panel layout is known before the canvas first fits the journey into its room.
  useEffect(() => {
    if (userId) loadLayout(userId);
  }, [userId, loadLayout]);
  const layoutReady = useEditorLayout((s) => s.userId !== null && s.userId === userId);
  // Plugins' node types come from the server; the canvas waits for them so their nodes draw as themselves
  // (if the list cannot be had, the built-ins still work and a plugin's node shows as unknown).
  const nodeTypes = useQuery({ ...trpc.nodeTypes.list.queryOptions(), staleTime: Infinity });
  const [typesReady, setTypesReady] = useState(false);
  useEffect(() => {
    if (nodeTypes.data) adoptNodeTypes(nodeTypes.data);
    if (nodeTypes.data || nodeTypes.isError) setTypesReady(true);
  }, [nodeTypes.data, nodeTypes.isError]);

  if (journey.isError && !journey.data) {
    const notFound = httpStatusOf(journey.error) === 404;
    return (
      <Center h={EDITOR_HEIGHT}>
        <Stack align="center" maw={440} ta="center">
          <Title order={3}>{notFound ? t('designer.editor.notFound') : t('designer.editor.loadError')}</Title>
          <Text c="dimmed">{notFound ? t('designer.editor.notFoundHint') : errorText(journey.error, i18n.language)}</Text>
          <Group>
            {!notFound && <Button onClick={() => void journey.refetch()}>{t('common.retry')}</Button>}
            <BackLink />
          </Group>
        </Stack>
      </Center>
    );
  }
  if (sync.unreadable) {
    return (
      <Center h={EDITOR_HEIGHT}>
        <Stack align="center" maw={480} ta="center">
          <Alert color="red" title={t('designer.editor.loadError')}>
            {t('designer.editor.unreadable')}
          </Alert>
          <BackLink />
        </Stack>
      </Center>
    );
  }
  if (!journey.data || !sync.showing || !layoutReady || !typesReady) {
    return (
      <Center h={EDITOR_HEIGHT}>
        <Stack align="center" gap="xs">
          <Loader />
          <Text size="sm" c="dimmed">
            {t('designer.editor.loading')}
          </Text>
        </Stack>
      </Center>
    );
  }
  return <EditorBody journeyId={journeyId} sync={sync} journey={journey.data} />;
}

type JourneyData = NonNullable<DraftSync['journey']['data']>;

function EditorBody({ journeyId, sync, journey }: { journeyId: string; sync: DraftSync; journey: JourneyData }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const client = useTRPCClient();
  const [publishing, setPublishing] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [simulateOpen, setSimulateOpen] = useState(false);
  const [enrolOpen, setEnrolOpen] = useState(false);
  const [conflictOpen, setConflictOpen] = useState(true);
  const [problemsOpen, setProblemsOpen] = useState(false);
  const [validating, setValidating] = useState(false);
  const [validated, setValidated] = useState(false);
  const hasLive = journey.liveVersionId !== null;
  const [liveOn, setLiveOn] = useState(journey.status === 'live' || journey.status === 'paused');
  const showing = sync.showing;
  const viewingVersion = showing?.kind === 'version' ? showing : null;
  const liveView = hasLive && liveOn;
  const counts = useLiveCounts(journeyId, liveView, viewingVersion?.versionId);
  const conflict = sync.saveState.phase === 'conflict' ? sync.saveState.conflict : null;
  const readOnly = useDesigner((s) => s.readOnly);
  const layout = useEditorLayout();
  // A phone is for looking, not editing: a notice says so, the side panels and the minimap start folded (for this visit only,
  // the desktop layout kept on the device is not touched) and the toolbar scrolls in its own strip.
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false }) ?? false;
  useEffect(() => {
    if (phone) useEditorLayout.setState({ paletteCollapsed: true, inspectorCollapsed: true, minimapHidden: true });
  }, [phone]);
  const latestSync = useRef(sync);
  useEffect(() => {
    latestSync.current = sync;
  });
  const trpc = useTRPC();
  // Customers a failed step stopped anywhere in this journey (any version): the banner's count.
  const failed = useQuery({ ...trpc.enrollments.list.queryOptions({ journeyId, status: 'failed', limit: 1 }), refetchInterval: 10_000 }).data?.total ?? 0;
  const [params, setParams] = useSearchParams();
  // The journeys list and the dashboard link here with ?failures=1: open the journey's failed list once.
  useEffect(() => {
    if (params.get('failures') !== '1') return;
    useFailuresPanel.getState().show(null);
    setParams(
      (p) => {
        p.delete('failures');
        return p;
      },
      { replace: true },
    );
  }, [params, setParams]);
  useEffect(() => () => useFailuresPanel.getState().close(), []);

  // Going live (a first publish, a resume) turns the live view on; the operator can turn it off again.
  useEffect(() => {
    if (journey.status === 'live') setLiveOn(true);
  }, [journey.status]);

  // A new conflict always opens the choice.
  useEffect(() => {
    if (conflict) setConflictOpen(true);
  }, [conflict]);

  const validate = useCallback(
    async (quiet = false) => {
      flushPendingEdits();
      setValidating(true);
      try {
        const result = await client.journeys.validate.mutate({ id: journeyId, graph: useDesigner.getState().graph() });
        useDesigner.getState().setProblems(result.problems);
        setValidated(true);
        if (!quiet) {
          setProblemsOpen(true);
          notify({ id: 'designer-validate', color: result.ok ? 'teal' : 'orange', message: result.ok ? t('designer.problems.validatedOk') : t('designer.problems.validated', { count: result.problems.length }) });
        }
      } catch (err) {
        if (!quiet) notify({ color: 'red', message: t('designer.problems.validateFailed', { error: errorText(err, i18n.language) }) });
      } finally {
        setValidating(false);
      }
    },
    [client, journeyId, t, i18n],
  );

  // Opening the draft checks it at once, so unfinished nodes are marked before anything is edited.
  useEffect(() => {
    if (showing?.kind === 'draft') void validate(true);
  }, [showing, validate]);

  // Ctrl/⌘+S saves now, wherever the focus is (the browser's "save page" would be useless here).
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.code === 'KeyS' || e.key.toLowerCase() === 's')) {
        e.preventDefault();
        if (latestSync.current.currentPhase() === 'conflict') setConflictOpen(true);
        else void latestSync.current.save();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const back = async () => {
    if ((await sync.save()) || window.confirm(t('designer.editor.leaveUnsaved'))) await navigate('/journeys');
  };

  const banner = viewingVersion ? (
    <Alert color="blue" variant="light" radius={0} py={6} icon={<IconEye size={16} />} data-testid="version-banner">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          <b>{t('designer.editor.viewing', { version: viewingVersion.version })}</b> {t('designer.editor.viewingHint')}
        </Text>
        <Button size="compact-sm" onClick={() => void sync.backToDraft()} data-testid="back-to-draft">
          {t('designer.editor.backToDraft')}
        </Button>
      </Group>
    </Alert>
  ) : journey.status === 'archived' ? (
    <Alert color="gray" variant="light" radius={0} py={6}>
      <Text size="sm">{t('designer.editor.archived')}</Text>
    </Alert>
  ) : null;
  const failuresBanner =
    failed > 0 ? (
      <Alert color="red" variant="light" radius={0} py={6} icon={<IconAlertOctagon size={16} />} data-testid="failures-banner">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{t('designer.failures.banner', { count: failed })}</Text>
          <Button size="compact-sm" color="red" variant="light" onClick={() => useFailuresPanel.getState().show(null)} data-testid="failures-banner-open">
            {t('designer.failures.bannerAction')}
          </Button>
        </Group>
      </Alert>
    ) : null;

  return (
    <Box h={EDITOR_HEIGHT} style={{ display: 'flex', flexDirection: 'column', ...(phone ? { maxWidth: '100vw', overflowX: 'hidden' } : {}) }}>
      {phone && (
        <Alert color="blue" variant="light" radius={0} py={6} icon={<IconDeviceDesktop size={16} />} data-testid="designer-phone-notice">
          <Text size="sm">{t('designer.editor.phoneNotice')}</Text>
        </Alert>
      )}
      <PhoneStrip phone={phone}>
      <EditorHeader
        journey={{ id: journeyId, name: journey.name, status: journey.status }}
        sync={sync}
        actions={{
          onBack: () => void back(),
          onValidate: () => void validate(),
          validating,
          onSimulate: () => setSimulateOpen(true),
          onPublish: () => setPublishing(true),
          onVersions: () => setVersionsOpen(true),
          onSettings: () => setSettingsOpen(true),
          onEnrol: () => setEnrolOpen(true),
          onResolveConflict: () => setConflictOpen(true),
          live: { available: hasLive, on: liveOn, toggle: setLiveOn, version: counts.data?.version ?? null },
        }}
      />
      </PhoneStrip>
      {banner}
      {failuresBanner}
      <DesignerFlowProvider>
        <Box style={{ flex: 1, display: 'flex', minHeight: 0 }}>
          {!readOnly && (
            <SidePanel
              panel="palette"
              side="left"
              title={t('designer.layout.palette')}
              width={layout.paletteWidth}
              collapsed={layout.paletteCollapsed}
              onWidth={(paletteWidth) => layout.set({ paletteWidth })}
              onCollapsed={(paletteCollapsed) => layout.set({ paletteCollapsed })}
              testId="palette-panel"
            >
              <Palette />
            </SidePanel>
          )}
          <Box style={{ flex: 1, minWidth: 0, position: 'relative' }}>
            <Canvas />
          </Box>
          <Inspector journeyId={journeyId} liveView={liveView} countsVersion={counts.data?.version ?? null} />
        </Box>
      </DesignerFlowProvider>
      <ProblemsPanel opened={problemsOpen} onToggle={() => setProblemsOpen((o) => !o)} checked={validated || sync.saveState.lastSavedAt !== null} />
      <PublishDialog journeyId={journeyId} sync={sync} opened={publishing} onClose={() => setPublishing(false)} onConflict={() => setConflictOpen(true)} />
      <VersionsDrawer journeyId={journeyId} sync={sync} opened={versionsOpen} onClose={() => setVersionsOpen(false)} />
      <SimulateDrawer journeyId={journeyId} opened={simulateOpen} onClose={() => setSimulateOpen(false)} />
      <EnrolDialog journeyId={journeyId} opened={enrolOpen} onClose={() => setEnrolOpen(false)} />
      <FailedCustomers journeyId={journeyId} />
      <SettingsDialog opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <ConflictModal conflict={conflict} opened={conflict !== null && conflictOpen} onClose={() => setConflictOpen(false)} onLoadTheirs={sync.loadTheirs} onKeepMine={sync.keepMine} />
    </Box>
  );
}

/** On a phone the header keeps its one row and scrolls sideways inside its own strip, not the whole page. */
function PhoneStrip({ phone, children }: { phone: boolean; children: React.ReactNode }) {
  if (!phone) return <>{children}</>;
  return (
    <Box style={{ overflowX: 'auto', flexShrink: 0 }} data-testid="designer-header-strip">
      <Box w="max-content" miw="100%">
        {children}
      </Box>
    </Box>
  );
}
