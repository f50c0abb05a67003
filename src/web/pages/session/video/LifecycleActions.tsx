import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay, IconPlayerStop, IconUserX } from '@tabler/icons-react';
import { useState } from 'react';
import { type LifecycleAction, refusal } from '../../../../shared/lifecycle';
import type { SessionDetails } from '../../../../shared/sessions';
import { hasRole, useCurrentUser } from '../../../auth/sign-in';
import { useNow } from '../../../lib/useNow';
import { useJoinWindowMinutes } from '../../../video/joinable';
import { ConfirmModal } from './ConfirmModal';
import { useLifecycle } from './video-api';

const ASKS: Record<'end' | 'no_show', { title: string; text: string; confirm: string }> = {
  end: { title: 'End this session?', text: 'It is marked completed, and anyone still in its call leaves it.', confirm: 'End session' },
  no_show: { title: 'Mark as no-show?', text: 'The session is marked as a no-show: nobody came. This cannot be undone.', confirm: 'Mark as no-show' },
};

/**
 * "Start session" (phone and in-person: a video session starts when its host joins the call),
 * "End session" and "Mark as no-show": only those the lifecycle rules allow now, and only for the
 * session's host, administrators and dispatchers. The server's refusal is shown in its words.
 */
export function LifecycleActions({ session }: { readonly session: SessionDetails }) {
  const me = useCurrentUser();
  const now = useNow();
  const joinWindowMinutes = useJoinWindowMinutes();
  const lifecycle = useLifecycle(session.id);
  const [asking, setAsking] = useState<'end' | 'no_show' | null>(null);
  if (me.id !== session.host.id && !hasRole(me, 'admin', 'dispatcher')) return null;

  const allowed = (action: LifecycleAction) => refusal(action, session, now, joinWindowMinutes) === null;
  const run = (action: LifecycleAction) =>
    lifecycle.mutate(action, {
      onSuccess: () => setAsking(null),
      onError: (error) => action === 'start' && notifications.show({ color: 'red', title: 'The session did not start', message: error.message }),
    });
  const ask = (action: 'end' | 'no_show') => {
    lifecycle.reset();
    setAsking(action);
  };

  return (
    <>
      {session.sessionType.modality !== 'video' && allowed('start') && (
        <Button leftSection={<IconPlayerPlay size={16} aria-hidden="true" />} onClick={() => run('start')} loading={lifecycle.isPending && lifecycle.variables === 'start'}>
          Start session
        </Button>
      )}
      {allowed('end') && (
        <Button variant="default" leftSection={<IconPlayerStop size={16} aria-hidden="true" />} onClick={() => ask('end')}>
          End session
        </Button>
      )}
      {allowed('no_show') && (
        <Button variant="default" leftSection={<IconUserX size={16} aria-hidden="true" />} onClick={() => ask('no_show')}>
          Mark as no-show
        </Button>
      )}
      {asking && (
        <ConfirmModal
          title={ASKS[asking].title}
          confirm={ASKS[asking].confirm}
          onConfirm={() => run(asking)}
          onClose={() => setAsking(null)}
          busy={lifecycle.isPending}
          error={lifecycle.error?.message ?? null}
        >
          {ASKS[asking].text}
        </ConfirmModal>
      )}
    </>
  );
}
