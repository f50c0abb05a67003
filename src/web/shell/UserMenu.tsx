import { Avatar, Box, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconCalendarShare, IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ROLE_LABELS } from '../../shared/roles';
import { useCurrentUser, useSignOut } from '../auth/sign-in';
import { CalendarFeedModal } from './CalendarFeedModal';

const initials = (name: string) =>
  name
    .replace(/^(Dr|Mr|Mrs|Ms)\.?\s+/i, '')
    .split(/\s+/)
    .map((part) => part[0])
    .slice(0, 2)
    .join('')
    .toUpperCase();

export function UserMenu() {
  const me = useCurrentUser();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const roleNames = me.roles.map((role) => ROLE_LABELS[role]).join(', ');
  const [feedOpen, setFeedOpen] = useState(false);

  return (
    <>
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        {/* Named by the words on screen, so speech input ("click Dora Docs") finds it. */}
        <UnstyledButton>
          <Group gap="xs" wrap="nowrap">
            <Avatar color="teal" radius="xl" size="sm" aria-hidden="true">
              {initials(me.name)}
            </Avatar>
            {/* A long name ends in an ellipsis on a phone instead of pushing the header wider. */}
            <Box miw={0} maw={{ base: 110, sm: 260 }}>
              <Text size="sm" fw={500} lh={1.2} truncate="end">
                {me.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2} truncate="end">
                {roleNames}
              </Text>
            </Box>
            <VisuallyHidden>, account menu</VisuallyHidden>
            <IconChevronDown size={14} aria-hidden="true" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        <Menu.Item leftSection={<IconUserCircle size={16} aria-hidden="true" />} onClick={() => navigate('/account')}>
          My account
        </Menu.Item>
        <Menu.Item leftSection={<IconCalendarShare size={16} aria-hidden="true" />} onClick={() => setFeedOpen(true)}>
          Calendar feed
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden="true" />}
          onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/signin', { replace: true }) })}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
    {feedOpen && <CalendarFeedModal onClose={() => setFeedOpen(false)} />}
    </>
  );
}
