import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBell, IconCalendarPlus, IconChevronDown, IconExternalLink } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useNavigate } from 'react-router';

export interface ManageSessionMenuProps {
  readonly sessionId: string;
  /** Spoken context, e.g. "Follow-up visit on Tue, Mar 3 at 10:00 AM EST". */
  readonly label: string;
}

/** The actions on a session, from the dashboard row and from the session page. */
export function ManageSessionMenu({ sessionId, label }: ManageSessionMenuProps) {
  const navigate = useNavigate();
  const remind = useMutation({
    mutationFn: () => api<{ queued: number }>(`/sessions/${sessionId}/reminders`, { method: 'POST' }),
    onSuccess: ({ queued }) =>
      notifications.show({
        color: 'teal',
        title: 'Reminder on its way',
        message: queued > 0 ? `${queued} message${queued === 1 ? '' : 's'} queued to the participants.` : 'No participant is invited by email or SMS.',
      }),
    onError: (error) => notifications.show({ color: 'red', title: 'Could not send the reminder', message: error.message }),
  });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="xs" rightSection={<IconChevronDown size={14} aria-hidden="true" />} aria-label={`Manage Session: ${label}`}>
          Manage Session
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconExternalLink size={16} aria-hidden="true" />} onClick={() => navigate(`/sessions/${sessionId}`)}>
          Open session
        </Menu.Item>
        <Menu.Item component="a" href={`/api/sessions/${sessionId}/calendar.ics`} download leftSection={<IconCalendarPlus size={16} aria-hidden="true" />}>
          Add to calendar
        </Menu.Item>
        <Menu.Item leftSection={<IconBell size={16} aria-hidden="true" />} onClick={() => remind.mutate()}>
          Send reminder
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
