import { Alert, Button, Center, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

export interface QueryStateProps {
  readonly query: Pick<UseQueryResult, 'isPending' | 'isError' | 'error' | 'refetch'>;
  readonly empty?: boolean;
  readonly emptyMessage?: ReactNode;
  readonly children: ReactNode;
}

/** Loading, error (with retry) and empty states for a block that shows fetched data. */
export function QueryState({ query, empty = false, emptyMessage, children }: QueryStateProps) {
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" role="status" aria-label="Loading" />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" title="Could not load this" role="alert">
        <Text size="sm" mb="sm">
          {query.error?.message}
        </Text>
        <Button size="xs" variant="light" color="red" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </Alert>
    );
  }
  if (empty && emptyMessage) {
    return (
      <Text c="dimmed" ta="center" py="xl">
        {emptyMessage}
      </Text>
    );
  }
  return children;
}
