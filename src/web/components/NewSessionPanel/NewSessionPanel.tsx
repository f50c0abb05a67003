import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { CreatedSession } from '../../../shared/sessions';
import { ApiError, api } from '../../api/client';
import { useActiveServices, useDocumentTemplates, useHosts, useOrganization, useSessionTypes } from '../../api/queries';
import { hasRole, useCurrentUser } from '../../auth/sign-in';
import { staffFormDraftKey } from '../../lib/staff-drafts';
import { forgetDraft, readDraft, usePersistentDraft } from '../../lib/usePersistentDraft';
import { FormDrawer } from '../FormDrawer/FormDrawer';
import { QueryState } from '../QueryState/QueryState';
import { UnsavedChangesPrompt } from '../UnsavedChangesPrompt/UnsavedChangesPrompt';
import { emptyDraft, missingForStepOne, requestBody, type SessionDraft } from './draft';
import { type EntryProblem, newParticipantDraftKey, ParticipantsStep } from './ParticipantsStep';
import { SessionStep } from './SessionStep';

export interface NewSessionPanelProps {
  readonly onClose: () => void;
  readonly onCreated: (session: CreatedSession) => void;
  /** Prefilled choices, e.g. to schedule the next session of a series. */
  readonly initial?: Partial<SessionDraft>;
  /** Books the next session of this one (both histories say so) instead of a new one. */
  readonly followsSessionId?: string;
}

const TIME_CONFLICTS: Record<string, string> = {
  slot_unavailable: 'That time was just taken. Choose another time.',
  outside_work_hours: 'That time is no longer inside the host’s Work Hours. Choose another time.',
  too_soon: 'That time is too soon for the organization’s booking notice. Choose a later time.',
};

interface KeptPanel {
  draft: SessionDraft;
  step: 1 | 2;
}

/** The New Session panel: session details, then participants, then Invite. */
export function NewSessionPanel({ onClose, onCreated, initial, followsSessionId }: NewSessionPanelProps) {
  const me = useCurrentUser();
  const managesHosts = hasRole(me, 'admin', 'dispatcher');
  const services = useActiveServices();
  const sessionTypes = useSessionTypes({ includeInactive: false });
  const templates = useDocumentTemplates();
  const organization = useOrganization();
  const hosts = useHosts(managesHosts);
  const queryClient = useQueryClient();

  // Both steps survive a reload or Back/Forward on this tab until the panel is closed or saved.
  const draftKey = staffFormDraftKey(followsSessionId ? `next-session.${followsSessionId}` : 'new-session');
  const [startingDraft] = useState<SessionDraft>(() => ({ ...emptyDraft(me.roles.includes('provider') ? me.id : null), ...initial }));
  const [kept] = useState(() => readDraft<KeptPanel>(draftKey));
  const [draft, setDraft] = useState<SessionDraft>(kept?.draft ?? startingDraft);
  const [step, setStep] = useState<1 | 2>(kept?.step ?? 1);
  const [saved, setSaved] = useState(false);
  const [timeError, setTimeError] = useState<string>();
  const [formError, setFormError] = useState('');
  const [problems, setProblems] = useState(new Map<number, EntryProblem>());
  const [confirmOutside, setConfirmOutside] = useState(false);
  // One key per attempt: a double click or a retried request books once; a changed request after
  // a refusal gets a new key.
  const idempotencyKey = useRef(crypto.randomUUID());

  const update = (patch: Partial<SessionDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setTimeError(undefined);
  };

  const create = useMutation({
    mutationFn: (options: { allowOutsideWorkHours: boolean }) =>
      api<CreatedSession>(followsSessionId ? `/sessions/${followsSessionId}/next` : '/sessions', {
        method: 'POST',
        body: requestBody(draft, options),
        headers: { 'idempotency-key': idempotencyKey.current },
      }),
    onSuccess: (session) => {
      // Rendered before moving on, so leaving the page after saving is not asked about.
      flushSync(() => setSaved(true));
      void queryClient.invalidateQueries({ queryKey: ['sessions'] });
      void queryClient.invalidateQueries({ queryKey: ['availability'] });
      void queryClient.invalidateQueries({ queryKey: ['participants'] });
      onCreated(session);
    },
    onError: (error) => {
      idempotencyKey.current = crypto.randomUUID();
      if (!(error instanceof ApiError)) return setFormError('Something went wrong. Please try again.');
      if (error.code === 'unauthenticated') return; // the screen lock takes over; nothing typed is lost
      if (error.code === 'outside_work_hours' && draft.meetNow) return setConfirmOutside(true);
      if (TIME_CONFLICTS[error.code]) {
        void queryClient.invalidateQueries({ queryKey: ['availability'] });
        setDraft((current) => ({ ...current, start: null, meetNow: false }));
        setStep(1);
        setTimeError(TIME_CONFLICTS[error.code]);
        return;
      }
      const byEntry = new Map<number, EntryProblem>();
      const others: string[] = [];
      for (const fieldError of error.problem.errors ?? []) {
        const match = /^participants\.(\d+)/.exec(fieldError.path);
        if (match) {
          byEntry.set(Number(match[1]), {
            message: fieldError.message,
            ...(error.code === 'participant_exists' ? { existing: error.problem.existing as EntryProblem['existing'] } : {}),
          });
        } else others.push(fieldError.message);
      }
      setProblems(byEntry);
      setFormError(byEntry.size > 0 && others.length === 0 ? '' : [error.message, ...others].join(' '));
    },
  });

  const invite = (allowOutsideWorkHours = false) => {
    setFormError('');
    setProblems(new Map());
    create.mutate({ allowOutsideWorkHours });
  };
  const dirty = JSON.stringify(draft) !== JSON.stringify(startingDraft) && !saved;
  usePersistentDraft(draftKey, { draft, step } satisfies KeptPanel, dirty);
  const close = () => {
    forgetDraft(draftKey);
    forgetDraft(newParticipantDraftKey(draftKey));
    onClose();
  };
  const hostName = hosts.data?.find((h) => h.id === draft.hostId)?.name ?? (draft.hostId === me.id ? 'You' : 'The host');

  return (
    <>
      <UnsavedChangesPrompt when={dirty} />
      <FormDrawer opened title={followsSessionId ? 'Schedule next session' : 'New Session'} dirty={dirty} onClose={close} size={640}>
        <Text size="xs" c="dimmed" mb="md">
          Step {step} of 2 · {step === 1 ? 'Session details' : 'Participant Details'}
        </Text>
        <QueryState query={services}>
          <QueryState query={sessionTypes}>
            {step === 1 ? (
              <SessionStep
                draft={draft}
                update={update}
                services={services.data ?? []}
                sessionTypes={sessionTypes.data ?? []}
                templates={templates.data ?? []}
                hosts={managesHosts ? (hosts.data ?? []) : null}
                viewerTimeZone={me.timeZone}
                timeError={timeError}
                missing={missingForStepOne(draft)}
                onNext={() => setStep(2)}
              />
            ) : (
              <ParticipantsStep
                entries={draft.participants}
                onChange={(participants) => {
                  update({ participants });
                  setProblems(new Map());
                }}
                organizationTimeZone={organization.data?.timeZone ?? me.organization.timeZone}
                newParticipantDraftKey={newParticipantDraftKey(draftKey)}
                problems={problems}
                formError={formError}
                submitting={create.isPending}
                onBack={() => setStep(1)}
                onInvite={() => invite()}
              />
            )}
          </QueryState>
        </QueryState>
      </FormDrawer>
      <Modal opened={confirmOutside} onClose={() => setConfirmOutside(false)} title="Meet outside Work Hours?" centered size="sm">
        <Stack gap="md">
          <Text size="sm">{hostName} is outside Work Hours right now. Start the session now anyway?</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmOutside(false)}>
              Cancel
            </Button>
            <Button
              color="orange"
              onClick={() => {
                setConfirmOutside(false);
                invite(true);
              }}
            >
              Meet now anyway
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
