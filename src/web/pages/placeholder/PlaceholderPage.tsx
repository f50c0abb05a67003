import { EmptyState, Paper } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { PageHeader } from '../../components/PageHeader/PageHeader';

export interface PlaceholderPageProps {
  readonly title: string;
  readonly icon: Icon;
  readonly message: string;
}

/** A calm page for a menu item whose feature is still being built. */
export function PlaceholderPage({ title, icon: PageIcon, message }: PlaceholderPageProps) {
  return (
    <>
      <PageHeader title={title} />
      <Paper withBorder radius="md" p="xl">
        <EmptyState
          icon={<PageIcon size={28} aria-hidden="true" />}
          variant="light"
          title={`${title} is coming soon`}
          description={message}
        />
      </Paper>
    </>
  );
}
