import { ActionIcon, Badge, Button, Group, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { Service, SessionType } from '../../../shared/catalog';
import { QueryState } from '../../components/QueryState/QueryState';
import { ActiveBadge } from '../../components/StatusBadge/StatusBadge';
import { useServices } from './api';
import { ServiceDrawer } from './ServiceDrawer';

export function ServicesTab({ sessionTypes }: { readonly sessionTypes: SessionType[] }) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 200);
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const services = useServices({ query, includeInactive: true });
  const typeName = new Map(sessionTypes.map((t) => [t.id, t.name]));

  return (
    <>
      <Group justify="space-between" mb="md">
        <TextInput
          aria-label="Search services"
          placeholder="Search by name"
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={320}
        />
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setEditing('new')}>
          Add service
        </Button>
      </Group>
      <QueryState
        query={services}
        empty={services.data?.length === 0}
        emptyMessage={query ? `No service matches “${query}”.` : 'No services yet. Add the first one.'}
      >
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Service</Table.Th>
                <Table.Th>Duration</Table.Th>
                <Table.Th>Session types</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {services.data?.map((service) => (
                <Table.Tr key={service.id}>
                  <Table.Td>
                    <Text fw={500} size="sm">
                      {service.name}
                    </Text>
                    {service.description && (
                      <Text c="dimmed" size="xs" lineClamp={1}>
                        {service.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{service.durationMinutes} min</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {service.sessionTypeIds.map((id) => (
                        <Badge key={id} variant="light" size="sm" tt="none">
                          {typeName.get(id) ?? 'Unknown'}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <ActiveBadge active={service.active} />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" aria-label={`Edit ${service.name}`} onClick={() => setEditing(service)}>
                      <IconPencil size={16} aria-hidden="true" />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
      {editing && (
        <ServiceDrawer
          key={editing === 'new' ? 'new' : editing.id}
          service={editing === 'new' ? null : editing}
          sessionTypes={sessionTypes.filter((t) => t.active || (editing !== 'new' && editing.sessionTypeIds.includes(t.id)))}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
