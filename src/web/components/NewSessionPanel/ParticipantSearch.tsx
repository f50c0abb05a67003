import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Participant } from '../../../shared/participants';
import { api } from '../../api/client';

export interface ParticipantSearchProps {
  /** Directory entries already on the list, not offered again. */
  readonly excludeIds: string[];
  readonly onPick: (participant: Participant) => void;
  /** "Add new Participant", with what was typed as a starting name. */
  readonly onAddNew: (typed: string) => void;
}

const ADD_NEW = '__add_new__';

/** "Select or invite a participant": search the directory by name, email or phone, or add someone new. */
export function ParticipantSearch({ excludeIds, onPick, onAddNew }: ParticipantSearchProps) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 200);
  const results = useQuery({
    queryKey: ['participants', 'search', query],
    queryFn: () => api<Participant[]>(`/participants?query=${encodeURIComponent(query)}&limit=8`),
    placeholderData: (previous) => previous,
  });
  const found = results.data ?? [];
  const options = found.filter((p) => !excludeIds.includes(p.id));
  // Someone already on the list is named as such, not hidden behind "No one matches".
  const already = found.filter((p) => excludeIds.includes(p.id));

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(value) => {
        if (value === ADD_NEW) onAddNew(search.trim());
        else {
          const picked = options.find((p) => p.id === value);
          if (picked) onPick(picked);
        }
        setSearch('');
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          label="Select or invite a participant"
          placeholder="Search by name, email or phone"
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          rightSection={results.isFetching ? <Loader size="xs" /> : null}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={280} style={{ overflowY: 'auto' }}>
          {options.map((p) => (
            <Combobox.Option value={p.id} key={p.id}>
              <Text size="sm" fw={500}>
                {p.name}
              </Text>
              <Text size="xs" c="dimmed">
                {[p.email, p.phone].filter(Boolean).join(' · ') || 'No email or phone'}
              </Text>
            </Combobox.Option>
          ))}
          {already.map((p) => (
            <Combobox.Option value={p.id} key={p.id} disabled>
              <Text size="sm" fw={500}>
                {p.name}
              </Text>
              <Text size="xs" c="dimmed">
                Already in this session
              </Text>
            </Combobox.Option>
          ))}
          {found.length === 0 && !results.isFetching && <Combobox.Empty>No one in the directory matches.</Combobox.Empty>}
          <Combobox.Option value={ADD_NEW}>
            <Group gap="xs" c="teal.8">
              <IconUserPlus size={16} aria-hidden="true" />
              <Text size="sm" fw={500}>
                Add new Participant{search.trim() ? `: ${search.trim()}` : ''}
              </Text>
            </Group>
          </Combobox.Option>
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
