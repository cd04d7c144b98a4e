import { Container, Stack, Tabs, Title } from '@mantine/core';
import { IconBell, IconBrandWechat, IconBuilding, IconKey, IconUserCircle, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useTRPC } from '../trpc.ts';
import { ApiKeysSection } from './ApiKeysSection.tsx';
import { DemoSection } from './DemoSection.tsx';
import { DigestSection } from './DigestSection.tsx';
import { InvitationsSection } from './InvitationsSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { StagesSection } from './StagesSection.tsx';
import { ProfileSection } from './ProfileSection.tsx';
import { PropertiesSection } from './PropertiesSection.tsx';
import { TeamSection } from './TeamSection.tsx';
import { WeComSection } from './WeComSection.tsx';
import { WorkspaceSection } from './WorkspaceSection.tsx';

const TABS = ['workspace', 'team', 'notifications', 'mine', 'wecom', 'api-keys'] as const;
type Tab = (typeof TABS)[number];

/**
 * Settings. Sales reps see only their own: time zone and daily digest. Managers get tabs: the workspace
 * (where Settings opens), the team, notifications (the workspace's channel and delivery log), their own
 * (time zone and digest) and — for admins — WeCom and API keys; ops managers read the workspace and team
 * tabs, admins change them. The tab is kept in the URL (`?tab=team`) so a reload or a link lands on it.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const [params, setParams] = useSearchParams();
  const role = me.data?.user.role;
  const manager = role === 'admin' || role === 'ops';
  const admin = role === 'admin';
  const available: Tab[] = admin ? [...TABS] : ['workspace', 'team', 'notifications', 'mine'];
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && available.includes(asked) ? asked : 'workspace';

  return (
    <Container size="lg" py="md">
      <Stack gap="md">
        <Title order={2}>{t('settings.title')}</Title>
        {!manager && (
          <>
            <ProfileSection />
            <DigestSection />
          </>
        )}
        {manager && (
          <Tabs value={tab} onChange={(v) => setParams(v && v !== 'workspace' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="workspace" leftSection={<IconBuilding size={16} />}>
                {t('settings.tabs.workspace')}
              </Tabs.Tab>
              <Tabs.Tab value="team" leftSection={<IconUsers size={16} />}>
                {t('settings.tabs.team')}
              </Tabs.Tab>
              <Tabs.Tab value="notifications" leftSection={<IconBell size={16} />}>
                {t('settings.tabs.notifications')}
              </Tabs.Tab>
              <Tabs.Tab value="mine" leftSection={<IconUserCircle size={16} />}>
                {t('settings.tabs.mine')}
              </Tabs.Tab>
              {admin && (
                <Tabs.Tab value="wecom" leftSection={<IconBrandWechat size={16} />}>
                  {t('settings.wecom.tab')}
                </Tabs.Tab>
              )}
              {admin && (
                <Tabs.Tab value="api-keys" leftSection={<IconKey size={16} />}>
                  {t('settings.tabs.apiKeys')}
                </Tabs.Tab>
              )}
            </Tabs.List>
            <Tabs.Panel value="notifications">
              <NotificationsSection />
            </Tabs.Panel>
            <Tabs.Panel value="mine">
              <Stack gap="md">
                <ProfileSection />
                <DigestSection />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="workspace">
              <Stack gap="md">
                {admin && me.data?.workspace.isDemo && <DemoSection workspaceName={me.data.workspace.name} />}
                <WorkspaceSection canEdit={admin} />
                <StagesSection canEdit={manager} />
                <PropertiesSection canEdit={manager} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="team">
              <Stack gap="md">
                {admin && <InvitationsSection timeZone={me.data?.workspace.timezone} />}
                <TeamSection canEdit={admin} meId={me.data?.user.id} />
              </Stack>
            </Tabs.Panel>
            {admin && (
              <Tabs.Panel value="wecom">
                <WeComSection />
              </Tabs.Panel>
            )}
            {admin && (
              <Tabs.Panel value="api-keys">
                <ApiKeysSection />
              </Tabs.Panel>
            )}
          </Tabs>
        )}
      </Stack>
    </Container>
  );
}
