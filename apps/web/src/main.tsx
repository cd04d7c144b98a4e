import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import '@xyflow/react/dist/style.css';
import './i18n/index.ts';
import { createTheme, MantineProvider, PasswordInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { StrictMode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { queryClient, TRPCProvider, trpcClient } from './trpc.ts';

/** Mantine in the user's language: components' own labels (the password eye) follow i18n. */
function Themed({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const theme = useMemo(
    () =>
      createTheme({
        primaryColor: 'teal',
        fontFamily: 'system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif',
        defaultRadius: 'md',
        components: { PasswordInput: PasswordInput.extend({ defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.toggleVisibility') } } }) },
      }),
    // t changes with the language.
    [t, i18n.language],
  );
  return <MantineProvider theme={theme}>{children}</MantineProvider>;
}

/**
 * Toasts under dialogs (Mantine's modals sit at 200): a toast never covers the dialog a person is answering.
 * On a phone they come in at the bottom, clear of the tabs and the pages' back links at the top.
 */
function Toasts() {
  const phone = useMediaQuery('(max-width: 48em)');
  return <Notifications position={phone ? 'bottom-center' : 'top-right'} zIndex={190} limit={2} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Themed>
      <Toasts />
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </TRPCProvider>
      </QueryClientProvider>
    </Themed>
  </StrictMode>,
);
