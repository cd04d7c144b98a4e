import { Alert, Button, Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A page of customers read from the server, in the side panels' one shape: what went wrong with a retry,
 * a loader while the first page comes, what to say when nobody is there, or the list.
 */
export function ListQuery<T extends { total: number }, E>({ query, failed, empty, children }: { query: UseQueryResult<T, E>; failed: (error: E) => ReactNode; empty: ReactNode; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {query.isError && (
        <Alert color="red" p="xs">
          {failed(query.error)}{' '}
          <Button size="compact-xs" variant="subtle" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      )}
      {query.isPending ? (
        <Center p="md">
          <Loader size="sm" />
        </Center>
      ) : query.data && query.data.total === 0 ? (
        empty
      ) : (
        query.data && children(query.data)
      )}
    </>
  );
}
