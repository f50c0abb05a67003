import { Badge, Box, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPencilPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { SessionNote } from '../../../shared/session-management';
import { QueryState } from '../../components/QueryState/QueryState';
import { formatMoment } from '../../lib/format-moment';
import { NoteForm } from './NoteForm';
import { useSessionNotes } from './session-api';

export interface NotesTabProps {
  readonly sessionId: string;
  readonly viewerTimeZone: string;
}

/** Session notes, newest first, with amendments. Notes are never edited in place. */
export function NotesTab({ sessionId, viewerTimeZone }: NotesTabProps) {
  const notes = useSessionNotes(sessionId);
  const [amending, setAmending] = useState<SessionNote | null>(null);
  const list = notes.data ?? [];
  const byId = new Map(list.map((note) => [note.id, note]));
  const amended = new Set(list.flatMap((note) => (note.amends ? [note.amends] : [])));

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        {amending && (
          <Paper withBorder radius="md" p="sm" bg="gray.0">
            <Text size="sm" fw={500} mb="xs">
              Amending the note of {formatMoment(amending.createdAt, viewerTimeZone)} by {amending.author.name}
            </Text>
            <NoteForm key={amending.id} sessionId={sessionId} amends={amending} onDone={() => setAmending(null)} />
          </Paper>
        )}
        {/* Hidden, not unmounted, while amending: a new note being written stays as typed. */}
        <Box display={amending ? 'none' : undefined}>
          <NoteForm sessionId={sessionId} />
        </Box>
        <Text size="xs" c="dimmed">
          Notes can’t be edited; an amendment is added beside the original.
        </Text>
      </Stack>
      <QueryState query={notes} empty={list.length === 0} emptyMessage="No notes yet">
        <Stack gap="sm" role="list" aria-label="Notes">
          {list.map((note) => (
            <NoteCard
              key={note.id}
              note={note}
              original={note.amends ? (byId.get(note.amends) ?? null) : null}
              isAmended={amended.has(note.id)}
              viewerTimeZone={viewerTimeZone}
              onAmend={() => setAmending(note)}
            />
          ))}
        </Stack>
      </QueryState>
    </Stack>
  );
}

interface NoteCardProps {
  readonly note: SessionNote;
  /** The note this one amends, when it does and it is in the list. */
  readonly original: SessionNote | null;
  readonly isAmended: boolean;
  readonly viewerTimeZone: string;
  readonly onAmend: () => void;
}

function NoteCard({ note, original, isAmended, viewerTimeZone, onAmend }: NoteCardProps) {
  const when = formatMoment(note.createdAt, viewerTimeZone);
  return (
    <Paper withBorder radius="md" p="sm" role="listitem">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Text size="sm" fw={500}>
              {note.author.name}
            </Text>
            <Text size="xs" c="dimmed" component="time" dateTime={note.createdAt}>
              {when}
            </Text>
            {isAmended && (
              <Badge size="xs" variant="light" color="orange">
                Amended
              </Badge>
            )}
          </Group>
          {note.amends && (
            <Text size="xs" c="dimmed">
              {original ? `Amends the note of ${formatMoment(original.createdAt, viewerTimeZone)}` : 'Amends an earlier note'}
            </Text>
          )}
        </Stack>
        <Button size="compact-xs" variant="subtle" leftSection={<IconPencilPlus size={14} aria-hidden="true" />} onClick={onAmend} aria-label={`Amend the note of ${when}`}>
          Amend
        </Button>
      </Group>
      {/* Plain text, never HTML: line breaks kept as typed. */}
      <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {note.body}
      </Text>
    </Paper>
  );
}
