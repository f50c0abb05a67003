import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBell,
  IconCalendarPlus,
  IconCalendarRepeat,
  IconCalendarTime,
  IconChevronDown,
  IconExternalLink,
  IconHistory,
  IconPencil,
  IconX,
} from '@tabler/icons-react';
import { useSingleFlightMutation } from '../../api/single-flight';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { formatSessionTime } from '../../../shared/format';
import type { Session } from '../../../shared/sessions';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/sign-in';
import { CancelModal } from './CancelModal';
import { EditSessionDrawer } from './EditSessionDrawer';
import { RescheduleModal } from './RescheduleModal';
import { ScheduleNextPanel } from './ScheduleNextPanel';

export interface ManageSessionMenuProps {
  readonly session: Session;
}

type Open = 'edit' | 'reschedule' | 'cancel' | 'next' | null;

/** Manage Session: everything done to a session after it exists, from its row and from its page. */
export function ManageSessionMenu({ session }: ManageSessionMenuProps) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [open, setOpen] = useState<Open>(null);
  const closed = session.status === 'canceled' || session.status === 'completed';
  const onItsPage = pathname === `/sessions/${session.id}`;
  const remind = useSingleFlightMutation({
    mutationFn: () => api<{ queued: number }>(`/sessions/${session.id}/reminders`, { method: 'POST' }),
    onSuccess: ({ queued }) =>
      notifications.show({
        color: 'teal',
        title: 'Reminder on its way',
        message: queued > 0 ? `${queued} message${queued === 1 ? '' : 's'} queued to the participants.` : 'No participant is invited by email or SMS.',
      }),
    onError: (error) => notifications.show({ color: 'red', title: 'Could not send the reminder', message: error.message }),
  });
  const icon = (Icon: typeof IconBell) => <Icon size={16} aria-hidden="true" />;

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            size="xs"
            rightSection={<IconChevronDown size={14} aria-hidden="true" />}
            aria-label={`Manage Session: ${session.service.name}, ${formatSessionTime(session.start, session.end, me.timeZone)}`}
          >
            Manage Session
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {!onItsPage && (
            <Menu.Item leftSection={icon(IconExternalLink)} onClick={() => navigate(`/sessions/${session.id}`)}>
              Open session
            </Menu.Item>
          )}
          <Menu.Item leftSection={icon(IconPencil)} disabled={closed} onClick={() => setOpen('edit')}>
            Edit
          </Menu.Item>
          <Menu.Item component="a" href={`/api/sessions/${session.id}/calendar.ics`} download leftSection={icon(IconCalendarPlus)}>
            Add to calendar
          </Menu.Item>
          <Menu.Item leftSection={icon(IconCalendarTime)} disabled={closed} onClick={() => setOpen('reschedule')}>
            Reschedule
          </Menu.Item>
          <Menu.Item leftSection={icon(IconCalendarRepeat)} onClick={() => setOpen('next')}>
            Schedule next session
          </Menu.Item>
          <Menu.Item leftSection={icon(IconBell)} disabled={closed} onClick={() => remind.mutate()}>
            Send reminder
          </Menu.Item>
          <Menu.Item leftSection={icon(IconHistory)} onClick={() => navigate(`/sessions/${session.id}?tab=history`)}>
            View history
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={icon(IconX)} disabled={closed} onClick={() => setOpen('cancel')}>
            Cancel session
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {open === 'edit' && <EditSessionDrawer sessionId={session.id} onClose={() => setOpen(null)} />}
      {open === 'reschedule' && <RescheduleModal session={session} onClose={() => setOpen(null)} />}
      {open === 'cancel' && <CancelModal session={session} onClose={() => setOpen(null)} />}
      {open === 'next' && <ScheduleNextPanel sessionId={session.id} onClose={() => setOpen(null)} />}
    </>
  );
}
