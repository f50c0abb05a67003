import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Participant } from '../../../shared/participants';
import { api } from '../../api/client';

export interface PatientFilterProps {
  readonly value: string | null;
  readonly onChange: (participantId: string | null) => void;
}

/** A patient from the directory, searched by name, email or phone as one types. */
export function PatientFilter({ value, onChange }: PatientFilterProps) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 200);
  const found = useQuery({
    queryKey: ['participants', 'search', query],
    queryFn: () => api<Participant[]>(`/participants?query=${encodeURIComponent(query)}&limit=10`),
    placeholderData: (previous) => previous,
  });
  // The chosen patient keeps their name after a reload, when no search has found them yet.
  const chosen = useQuery({ queryKey: ['participants', value], queryFn: () => api<Participant>(`/participants/${value}`), enabled: !!value });
  const options = new Map((found.data ?? []).map((p) => [p.id, p.name]));
  if (chosen.data) options.set(chosen.data.id, chosen.data.name);

  return (
    <Select
      label="Patient"
      placeholder="Search the directory"
      searchable
      clearable
      filter={({ options: all }) => all}
      data={[...options].map(([id, name]) => ({ value: id, label: name }))}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={query ? 'No one matches' : 'Type a name, email or phone'}
      w={240}
    />
  );
}
