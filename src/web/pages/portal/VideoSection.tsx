import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useId, useState } from 'react';
import { dateIn, formatLongDate, formatTime } from '../../../shared/format';
import type { PortalView } from '../../../shared/portal';
import { usePassed } from '../../lib/usePassed';
import { useNow } from '../../lib/useNow';
import { withAllStyles } from '../../styles/with-all-styles';
import { wakeAudio } from '../../video/audio-level';
import type { Call } from '../../video/useCall';
import type { CallSlot } from '../../video/useCallOnJoin';
import { PortalLoader } from './PortalFrame';
import { useShownTimeZone } from './useShownTimeZone';
import { WaitingRoom } from './WaitingRoom';

// The device check and the call download on "Join": a participant who only reads the page or
// chats never downloads them.
const DeviceCheck = lazy(() => withAllStyles(() => import('../../components/DeviceCheck/DeviceCheck')).then((m) => ({ default: m.DeviceCheck })));
const ParticipantCall = lazy(() => withAllStyles(() => import('./ParticipantCall')).then((m) => ({ default: m.ParticipantCall })));

export interface VideoSectionProps {
  readonly view: PortalView;
  readonly call: CallSlot;
}

const COULD_NOT_LOAD = 'The call could not be set up: Carebeam could not be reached. Check your connection and try again.';

/**
 * The participant's video: from the join window's opening until it closes, "Join" → device check
 * → waiting room → the call; and a calm word for each way it can end.
 */
export function VideoSection({ view, call }: VideoSectionProps) {
  const headingId = useId();
  const [checking, setChecking] = useState(false);
  const [speakerId, setSpeakerId] = useState<string | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [timeZone] = useShownTimeZone(view.participant);
  const { phase } = call.state;
  const inCall = phase === 'joining' || phase === 'in_call';
  const failed = () => {
    setChecking(false);
    setLoadFailed(true);
  };

  return (
    <Paper component="section" aria-labelledby={headingId} withBorder radius="md" p="md">
      <Title order={2} size="h4" id={headingId} mb="sm">
        Video
      </Title>
      <Suspense fallback={<PortalLoader label="Getting the call ready…" />}>
        {call.engine && phase === 'waiting' ? (
          <WaitingRoom view={view} call={call} timeZone={timeZone} />
        ) : call.engine && inCall ? (
          <ParticipantCall call={call} speakerId={speakerId} notice={<StillTaken call={call} />} />
        ) : checking ? (
          <DeviceCheck
            headingOrder={3}
            onCancel={() => setChecking(false)}
            onJoin={(choice) => {
              setChecking(false);
              setSpeakerId(choice.speakerId);
              call.load().then((engine) => engine.join(choice), () => {
                for (const track of choice.stream.getTracks()) track.stop();
                failed();
              });
            }}
          />
        ) : (
          <BeforeOrAfter
            view={view}
            call={call}
            loadFailed={loadFailed}
            onJoin={() => {
              wakeAudio();
              call.engine?.dismiss();
              setLoadFailed(false);
              setChecking(true);
              // Downloaded while the participant checks their camera and microphone.
              call.load().catch(failed);
            }}
          />
        )}
      </Suspense>
    </Paper>
  );
}

/** Not in the call: when it opens, "Join", or how the last attempt ended. */
interface BeforeOrAfterProps {
  readonly view: PortalView;
  readonly call: CallSlot;
  /** The call's code could not be downloaded on the last "Join". */
  readonly loadFailed: boolean;
  readonly onJoin: () => void;
}

function BeforeOrAfter({ view, call, loadFailed, onJoin }: BeforeOrAfterProps) {
  const { session, participant } = view;
  const [timeZone] = useShownTimeZone(participant);
  const opened = usePassed(session.joinWindow.opensAt);
  const closed = usePassed(session.joinWindow.closesAt);
  const today = dateIn(useNow(), timeZone);
  const { phase, refusal } = call.state;
  const join = (
    <Button size="md" onClick={onJoin} style={{ alignSelf: 'flex-start' }}>
      Join
    </Button>
  );

  if (phase === 'ended' || session.endedAt) {
    return (
      <Stack gap={4} role="status">
        <Text fw={600}>The session has ended</Text>
        <Text c="dimmed">Thank you for joining. You can close this page.</Text>
      </Stack>
    );
  }
  if (phase === 'denied') {
    return (
      <Alert color="gray" variant="light" title="The clinic did not let you into the call">
        If you think this is a mistake, please write to them in the chat below.
      </Alert>
    );
  }
  if (!opened) {
    const opensAt = session.joinWindow.opensAt;
    const day = dateIn(opensAt, timeZone) === today ? '' : ` on ${formatLongDate(opensAt, timeZone)}`;
    return <Text>{`The call opens${day} at ${formatTime(opensAt, timeZone)}.`}</Text>;
  }
  if (closed) return <Text>The call has closed.</Text>;
  return (
    <Stack gap="sm">
      {phase === 'removed' && (
        <Alert color="gray" variant="light" title="You were taken out of the call">
          To come back, join again: the host will let you in.
        </Alert>
      )}
      {phase === 'refused' && refusal && (
        <Alert color="orange" variant="light" title="You could not join the call">
          {refusal.message}
        </Alert>
      )}
      {loadFailed && (
        <Alert color="orange" variant="light" title="You could not join the call">
          {COULD_NOT_LOAD}
        </Alert>
      )}
      {phase === 'idle' && !loadFailed && <Text>When you are ready, check your camera and microphone, then join.</Text>}
      {join}
    </Stack>
  );
}

/** Staff took a still of the participant's video: they see it at once, with its label. */
function StillTaken({ call }: { readonly call: Call }) {
  const still = call.state.screenshot;
  if (!still) return null;
  return (
    <Alert color="blue" variant="light" title="A still picture was taken" withCloseButton closeButtonLabel="Dismiss" onClose={() => call.engine.dismissScreenshot()}>
      <Text size="sm">The clinic took a still picture of your video{still.label ? `: ${still.label}` : ''}. It is kept with your session.</Text>
    </Alert>
  );
}

