import { Paper, Tabs } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { QueryState } from '../../components/QueryState/QueryState';
import { useSessionTypes } from '../../api/queries';
import { ServicesTab } from './ServicesTab';
import { SessionTypesTab } from './SessionTypesTab';

export function ServicesPage() {
  const sessionTypes = useSessionTypes({ includeInactive: true });
  return (
    <>
      <PageHeader title="Services" description="What your clinic offers, how long each takes, and how it can take place." />
      <Paper withBorder radius="md" p="md">
        <QueryState query={sessionTypes}>
          <Tabs defaultValue="services" keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="services">Services</Tabs.Tab>
              <Tabs.Tab value="session-types">Session types</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="services">
              <ServicesTab sessionTypes={sessionTypes.data ?? []} />
            </Tabs.Panel>
            <Tabs.Panel value="session-types">
              <SessionTypesTab sessionTypes={sessionTypes.data ?? []} />
            </Tabs.Panel>
          </Tabs>
        </QueryState>
      </Paper>
    </>
  );
}
