import { Alert, Button, FileInput, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LOGO_CONTENT_TYPES, MAX_LOGO_BYTES } from '../../../shared/logo';
import { LOCALES } from '../../../shared/setup';
import { api, ApiError } from '../../api/client';
import { uploadLogo } from '../../api/logo';
import { AuthCard } from '../../components/Logo/AuthCard';
import { TimeZoneSelect } from '../../components/TimeZoneSelect/TimeZoneSelect';
import { applyServerErrors } from '../../lib/form-errors';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `/setup?token=…`: the first organization and its administrator, through the link the first start printed. */
export function SetupPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const check = useQuery({
    queryKey: ['setup-link', token],
    queryFn: () => api<void>('/setup/check', { method: 'POST', body: { token } }).then(() => true),
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
  });
  const [logo, setLogo] = useState<File | null>(null);
  const save = useMutation({
    mutationFn: async (values: typeof form.values) => {
      await api<{ organizationId: string }>('/setup', { method: 'POST', body: { ...values, token } });
      if (!logo) return { logoError: null };
      // The logo is the administrator's to upload: signed in with the password just chosen for
      // the upload only, then out again, so the next step is the same sign-in as without a logo.
      // Carebeam is set up either way; a refused logo is said, to add later in Settings.
      try {
        await api<unknown>('/auth/login', { method: 'POST', body: { email: values.adminEmail, password: values.password } });
        await uploadLogo(logo);
        return { logoError: null };
      } catch (error) {
        return { logoError: error instanceof Error ? error.message : String(error) };
      } finally {
        await api<void>('/auth/logout', { method: 'POST' }).catch(() => undefined);
      }
    },
  });
  const [formError, setFormError] = useState('');
  const form = useForm({
    initialValues: { organizationName: '', timeZone: browserZone(), locale: 'en-US', adminName: '', adminEmail: '', password: '' },
    validate: {
      organizationName: (v) => (v.trim() ? null : 'Enter the organization’s name'),
      adminName: (v) => (v.trim() ? null : 'Enter a name'),
      adminEmail: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
      password: (v) => (v.length >= 12 ? null : 'Use at least 12 characters'),
    },
  });

  if (save.isSuccess) {
    return (
      <AuthCard title="Carebeam is set up">
        {save.data.logoError && (
          <Alert color="yellow" role="alert" title="The logo was not saved">
            {save.data.logoError} Add it later in Settings.
          </Alert>
        )}
        <Text>Sign in as the administrator to add your services, session types and staff.</Text>
        <Button component={Link} to="/signin" fullWidth>
          Go to sign-in
        </Button>
      </AuthCard>
    );
  }
  const gone = token === '' || (check.error instanceof ApiError && check.error.status === 404) || (save.error instanceof ApiError && save.error.status === 404);
  if (gone) {
    return (
      <AuthCard title="This setup link no longer works">
        <Text>The setup link works once, for 24 hours, and only the newest one printed works. Restart Carebeam to print a new one while no organization exists.</Text>
      </AuthCard>
    );
  }
  if (!check.data) return <AuthCard title="Set up Carebeam">{check.isError ? <Alert color="red">{check.error.message}</Alert> : <Text c="dimmed">Checking your link…</Text>}</AuthCard>;

  return (
    <AuthCard title="Set up Carebeam" subtitle="Your organization and its first administrator">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError('');
          if (logo && logo.size > MAX_LOGO_BYTES) return;
          save.mutate(values, { onError: (error) => setFormError(applyServerErrors(form, error)) });
        })}
      >
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Title order={2} size="h5">
            Organization
          </Title>
          <TextInput label="Organization name" data-autofocus {...form.getInputProps('organizationName')} />
          <TimeZoneSelect {...form.getInputProps('timeZone')} />
          <Select label="Language and formats" data={[...LOCALES]} allowDeselect={false} {...form.getInputProps('locale')} />
          <FileInput
            label="Logo (optional)"
            description="PNG, JPEG or WebP, at most 512 KB: shown to participants and in emails. You can add it later in Settings."
            accept={LOGO_CONTENT_TYPES.join(',')}
            value={logo}
            onChange={setLogo}
            error={logo && logo.size > MAX_LOGO_BYTES ? 'This image is larger than 512 KB' : undefined}
            clearable
          />
          <Title order={2} size="h5" mt="sm">
            Administrator
          </Title>
          <TextInput label="Your name" autoComplete="name" {...form.getInputProps('adminName')} />
          <TextInput label="Your email" type="email" autoComplete="username" {...form.getInputProps('adminEmail')} />
          <PasswordInput label="Your password" description="At least 12 characters; a few unrelated words work well." autoComplete="new-password" {...form.getInputProps('password')} />
          <Button type="submit" loading={save.isPending} fullWidth mt="sm">
            Set up Carebeam
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
