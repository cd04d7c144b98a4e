import { Alert, Anchor, Badge, Button, Center, Container, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { errorText, httpStatusOf, useTRPC } from '../trpc.ts';
import { JourneysCard } from './JourneysCard.tsx';
import { ProfileCard } from './ProfileCard.tsx';
import { SummaryCard } from './SummaryCard.tsx';
import { MAX_TIMELINE, TimelineCard } from './TimelineCard.tsx';
import { useStages } from './StagePicker.tsx';

const FIRST_PAGE = 50;

/** One customer: who they are, their stage, owner and tags, their journeys and everything that happened to them. */
export function CustomerPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { t, i18n } = useTranslation();
  const { label: stageLabel } = useStages();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [limit, setLimit] = useState(FIRST_PAGE);
  const me = useQuery(trpc.auth.me.queryOptions());
  const canManage = me.data?.user.role === 'admin' || me.data?.user.role === 'ops';
  const profile = useQuery({
    ...trpc.customers.get.queryOptions({ customerId: id, timelineLimit: limit }),
    // Keeps the page while a longer timeline loads, never shows one customer's data under another's id.
    placeholderData: (previous) => (previous?.customer.id === id ? previous : undefined),
    // Journeys act on the customer on their own (a trigger enrols them, a wait ends): look again every
    // few seconds while the page is open, and sooner while a journey is starting.
    refetchInterval: (query) => (query.state.data?.enrollments.some((e) => e.status === 'active') ? 2_000 : 8_000),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });

  if (profile.isPending) {
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  }
  // The way back is where the customer was opened: the inbox from a task, else the list with its search and filters.
  const from = (location.state as { from?: unknown } | null)?.from;
  const fromInbox = typeof from === 'string' && /^\/inbox(\?|$)/.test(from);
  const fromList = typeof from === 'string' && /^\/customers(\?|$)/.test(from);
  const back = (
    <Anchor component={Link} to={fromInbox || fromList ? (from as string) : '/customers'} size="sm" data-testid="customer-back">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t(fromInbox ? 'customers.page.backToInbox' : 'customers.page.back')}
      </Group>
    </Anchor>
  );
  if (profile.isError) {
    const missing = httpStatusOf(profile.error) === 404;
    return (
      <Container size="lg" py="md" px={{ base: 'xs', sm: 'md' }}>
        <Stack gap="sm">
          {back}
          <Alert color={missing ? 'gray' : 'red'} title={missing ? t('common.notFound') : t('customers.page.loadError')} role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{missing ? t('customers.page.notFound') : errorText(profile.error, i18n.language)}</Text>
              {!missing && (
                <Button size="xs" variant="light" color="red" onClick={() => void profile.refetch()}>
                  {t('common.retry')}
                </Button>
              )}
            </Stack>
          </Alert>
        </Stack>
      </Container>
    );
  }
  const data = profile.data;
  const { customer } = data;
  return (
    <Container size="lg" py="md" px={{ base: 'xs', sm: 'md' }}>
      <Stack gap="sm">
        {back}
        <Group gap="sm" wrap="wrap" align="center">
          <Title order={2} style={{ wordBreak: 'break-word' }}>
            {customer.name}
          </Title>
          <Badge variant="outline" tt="none" data-testid="customer-stage">
            {customer.stage ? stageLabel(customer.stage) : t('customers.page.noStage')}
          </Badge>
        </Group>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="md">
              <SummaryCard profile={data} canManage={canManage} onChanged={refresh} />
              <ProfileCard customer={customer} onChanged={refresh} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <JourneysCard profile={data} canManage={canManage} onChanged={refresh} />
              <TimelineCard profile={data} limit={limit} onMore={() => setLimit(Math.min(MAX_TIMELINE, limit * 2))} loadingMore={profile.isFetching && profile.isPlaceholderData} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </Container>
  );
}
