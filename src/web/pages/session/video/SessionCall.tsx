import { Alert, Button, Group, Paper, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBell } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SessionDetails } from '../../../../shared/sessions';
import type { CallMember } from '../../../../shared/video';
import { ChatTabs, useChatTabsState } from '../../../components/ChatPanel/ChatTabs';
import { DeviceCheck } from '../../../components/DeviceCheck/DeviceCheck';
import { CallView } from '../../../components/VideoCall/CallView';
import type { Chat } from '../../../live/useSessionLive';
import type { Call } from '../../../video/useCall';
import { canAskForNotifications } from '../../../video/useWaitingAlert';
import { ConfirmModal } from './ConfirmModal';
import { ParticipantTileActions } from './ParticipantTileActions';
import { type CapturedStill, ScreenshotModal } from './ScreenshotModal';
import { attendanceKey, useDoorActions, useLifecycle } from './video-api';

export interface SessionCallProps {
  readonly session: SessionDetails;
  readonly call: Call;
  readonly chat: Chat;
  /** The device check is open ("Join" was pressed, here or on the dashboard). */
  readonly checking: boolean;
  readonly onChecking: (checking: boolean) => void;
}

/**
 * The video call on the session page, for staff: the device check, then the call with the chat
 * beside it; a still of a participant's video, removing someone, and the host's "End session for
 * all" (asked first).
 */
export function SessionCall({ session, call, chat, checking, onChecking }: SessionCallProps) {
  const [speakerId, setSpeakerId] = useState<string | null>(null);
  const [still, setStill] = useState<CapturedStill | null>(null);
  const [removing, setRemoving] = useState<CallMember | null>(null);
  const [endingForAll, setEndingForAll] = useState(false);
  const tabs = useChatTabsState();
  const door = useDoorActions(session.id);
  const lifecycle = useLifecycle(session.id);
  const { engine, state } = call;
  const isHost = state.members.some((m) => m.clientId === state.you && m.host);
  // Someone came into the call or left it: the attendance below says so at once.
  const queryClient = useQueryClient();
  const roster = state.members.map((m) => m.clientId).sort().join(' ');
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: attendanceKey(session.id) });
  }, [queryClient, session.id, roster]);

  if (state.phase === 'joining' || state.phase === 'in_call') {
    return (
      <Paper component="section" aria-label="Video call" withBorder radius="md" p="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            Video call
          </Title>
          <NotifyMe />
        </Group>
        <CallView
          call={call}
          viewer="staff"
          speakerId={speakerId}
          tileActions={(member, video) => member.kind === 'participant' && <ParticipantTileActions member={member} video={video} onCaptured={setStill} onRemove={setRemoving} />}
          controls={
            isHost && (
              <Button
                color="red"
                onClick={() => {
                  lifecycle.reset();
                  setEndingForAll(true);
                }}
              >
                End session for all
              </Button>
            )
          }
          aside={
            <Paper withBorder radius="md" p="sm" style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
              <ChatTabs session={session} chat={chat} {...tabs} />
            </Paper>
          }
        />
        {still && <ScreenshotModal sessionId={session.id} still={still} onClose={() => setStill(null)} />}
        {removing && (
          <ConfirmModal
            title={`Remove ${removing.name} from the call?`}
            confirm="Remove from call"
            onConfirm={() => door.remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
            onClose={() => {
              door.remove.reset();
              setRemoving(null);
            }}
            busy={door.remove.isPending}
            error={door.remove.error?.message ?? null}
          >
            They leave the call at once, and can come back only when admitted again.
          </ConfirmModal>
        )}
        {endingForAll && (
          <ConfirmModal
            title="End the session for everyone?"
            confirm="End session for all"
            onConfirm={() =>
              lifecycle.mutate('end', {
                onSuccess: () => {
                  setEndingForAll(false);
                  // The server tells everyone (video.ended); this covers its message arriving late.
                  if (engine.getState().phase === 'in_call') engine.leave();
                },
              })
            }
            onClose={() => setEndingForAll(false)}
            busy={lifecycle.isPending}
            error={lifecycle.error?.message ?? null}
          >
            Everyone leaves the call, and the session is marked completed.
          </ConfirmModal>
        )}
      </Paper>
    );
  }

  if (checking) {
    return (
      <Paper component="section" aria-label="Video call" withBorder radius="md" p="md">
        <DeviceCheck
          onCancel={() => onChecking(false)}
          onJoin={(choice) => {
            onChecking(false);
            setSpeakerId(choice.speakerId);
            void engine.join(choice);
          }}
        />
      </Paper>
    );
  }

  if (state.phase === 'ended') {
    return (
      <Alert color="gray" variant="light" title="The session has ended" withCloseButton closeButtonLabel="Dismiss" onClose={() => engine.dismiss()}>
        The call is over for everyone.
      </Alert>
    );
  }
  if (state.phase === 'refused' && state.refusal) {
    return (
      <Alert color="orange" variant="light" title="You could not join the call" withCloseButton closeButtonLabel="Dismiss" onClose={() => engine.dismiss()}>
        {state.refusal.message}
      </Alert>
    );
  }
  return null;
}

/** Asks for browser notifications only when pressed: a page never asks on its own. */
function NotifyMe() {
  const [askable, setAskable] = useState(canAskForNotifications);
  if (!askable) return null;
  const ask = () =>
    void Notification.requestPermission()
      .then((answer) => answer === 'denied' && notifications.show({ title: 'Notifications stay off', message: 'You will still hear a short sound when someone waits.' }))
      .finally(() => setAskable(canAskForNotifications()));
  return (
    <Button variant="subtle" size="xs" leftSection={<IconBell size={14} aria-hidden="true" />} onClick={ask}>
      Notify me when someone waits
    </Button>
  );
}
