import { Group, Radio } from '@mantine/core';
import type { Audience } from '../../../shared/documents';

export interface AudienceInputProps {
  readonly value: Audience;
  readonly onChange: (value: Audience) => void;
  readonly error?: React.ReactNode;
}

/** Who completes a document: each participant, or the session's host. */
export function AudienceInput({ value, onChange, error }: AudienceInputProps) {
  return (
    <Radio.Group
      label="Completed by"
      description="Participants complete theirs on their session page; the host in the session's Documents tab."
      withAsterisk
      value={value}
      onChange={(next) => onChange(next as Audience)}
      error={error}
    >
      <Group gap="xl" mt="xs">
        <Radio value="participant" label="Each participant" />
        <Radio value="host" label="The host" />
      </Group>
    </Radio.Group>
  );
}
