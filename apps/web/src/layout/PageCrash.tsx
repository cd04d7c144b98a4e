import { Alert, Button, CopyButton, Group, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The page's code could not be fetched: a release replaced the files while the tab was open, or the network
 * dropped. Drawing again cannot help (the failed import is remembered); loading the page again does.
 */
export function isStaleCode(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Failed to fetch/i.test(error.message);
}

function CrashNotice({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  const stale = isStaleCode(error);
  return (
    <Stack p="lg" maw={640} data-testid="page-crash">
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t(stale ? 'crash.staleTitle' : 'crash.title')}>
        <Stack gap="sm">
          {t(stale ? 'crash.staleBody' : 'crash.body')}
          <Group>
            {!stale && (
              <Button size="xs" onClick={onRetry}>
                {t('common.retry')}
              </Button>
            )}
            <Button size="xs" variant={stale ? 'filled' : 'default'} onClick={() => window.location.reload()}>
              {t('crash.reload')}
            </Button>
            {/* The browser's own words (English, technical) go to whoever fixes it, not onto the screen. */}
            <CopyButton value={`${window.location.href}\n${error.stack ?? error.message}`}>
              {({ copied, copy }) => (
                <Button size="xs" variant="subtle" onClick={copy}>
                  {copied ? t('crash.copied') : t('crash.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
      </Alert>
    </Stack>
  );
}

/**
 * A page that throws while drawing shows what happened and a way on, instead of an empty screen; the
 * navigation around it keeps working. Keyed by the route where it is used, so moving on clears it.
 */
export class PageCrash extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('A page failed to draw', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) return <CrashNotice error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
