import { Notifications } from '@mantine/notifications';
import type { ComponentProps } from 'react';
import { CallView } from '../../components/VideoCall/CallView';

/**
 * The participant's call, downloaded when they join: the call's view, and the toasts its controls
 * show (the camera could not be turned on…), which the participant's page has nowhere else.
 */
export function ParticipantCall(props: Omit<ComponentProps<typeof CallView>, 'viewer'>) {
  return (
    <>
      <Notifications position="bottom-right" />
      <CallView viewer="participant" {...props} />
    </>
  );
}
