import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useCurrentUser } from '../../auth/sign-in';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { MfaSection } from '../../mfa/MfaSection';
import { TimeZoneSelect } from '../../components/TimeZoneSelect/TimeZoneSelect';
import { useChangeTimeZone } from './api';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SignInsList } from './SignInsList';

/** `/account`: every staff member's own password, second factor, time zone and sign-ins. */
export function AccountPage() {
  const me = useCurrentUser();
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const changeZone = useChangeTimeZone();
  return (
    <>
      <PageHeader title="My account" description={`${me.name} · ${me.email}`} />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="sm">
            Password
          </Title>
          <ChangePasswordForm />
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="sm">
            Two-step sign-in
          </Title>
          <MfaSection />
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="sm">
            Time zone
          </Title>
          <Group align="flex-end">
            <TimeZoneSelect value={timeZone} onChange={(value) => value && setTimeZone(value)} w={320} description="Times in Carebeam and in your emails show in this zone." />
            <Button
              variant="light"
              disabled={timeZone === me.timeZone}
              loading={changeZone.isPending}
              onClick={() => changeZone.mutate(timeZone, { onSuccess: () => notifications.show({ color: 'teal', message: `Your time zone is now ${timeZone}.` }) })}
            >
              Save time zone
            </Button>
          </Group>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="sm">
            Where you are signed in
          </Title>
          <SignInsList timeZone={me.timeZone} />
        </Paper>
      </Stack>
    </>
  );
}
