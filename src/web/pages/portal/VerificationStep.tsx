import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { formatCalendarDate } from '../../../shared/format';
import type { PortalVerification } from '../../../shared/portal';
import { type DayMonthOrder, dayMonthOrder, localMonthNames, parseTypedDate } from '../../../shared/typed-date';
import { ApiError } from '../../api/client';
import { isLinkGone } from './api';
import { LinkNotWorking, PortalFrame, PortalLoader, PortalMessage } from './PortalFrame';
import { usePortalVerification, useSendCode, useVerify } from './verification-api';

const LOCALE = typeof navigator === 'undefined' ? undefined : navigator.language;

let localDates: { readonly order: DayMonthOrder; readonly monthNames: string[]; readonly example: string } | undefined;

/** How this device writes dates: 25 formatters, made when the question shows, not with the page. */
function localDateWords() {
  if (!localDates) {
    const order = dayMonthOrder(LOCALE);
    localDates = { order, monthNames: localMonthNames(LOCALE), example: order === 'MD' ? '3/5/1985 or March 5, 1985' : '5/3/1985 or 5 March 1985' };
  }
  return localDates;
}

interface AnswerFormProps {
  readonly ready: boolean;
  readonly pending: boolean;
  readonly onSubmit: () => void;
  readonly children: ReactNode;
}

/** One answer and its Continue button; Enter submits once the answer can be sent. */
function AnswerForm({ ready, pending, onSubmit, children }: AnswerFormProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {children}
        <Button type="submit" size="md" loading={pending} disabled={!ready} style={{ alignSelf: 'flex-start' }}>
          Continue
        </Button>
      </Stack>
    </form>
  );
}

/** The server's words for a refused answer: the field's own message, or why to wait. */
const refusal = (error: Error | null) => (error instanceof ApiError ? (error.problem.errors?.[0]?.message ?? error.message) : error?.message);

/**
 * What a participant sees when their clinic asks who is joining: the clinic's name and one
 * question, nothing of the session (no title, host, time or name) until it is answered.
 */
export function VerificationStep() {
  const step = usePortalVerification();
  if (step.error && isLinkGone(step.error)) return <LinkNotWorking />;
  if (step.isError) {
    return (
      <PortalMessage title="This page could not be opened" onRetry={() => void step.refetch()}>
        <Text>{step.error.message}</Text>
      </PortalMessage>
    );
  }
  if (!step.data) {
    return (
      <PortalFrame>
        <PortalLoader label="Opening your session…" />
      </PortalFrame>
    );
  }
  return (
    <PortalFrame organization={{ name: step.data.organization.name, logo: null }}>
      <Stack gap="md">
        <Title order={1} size="h2">
          Confirm it’s you
        </Title>
        <Text>{step.data.organization.name} asks who is joining before showing your session page.</Text>
        {step.data.method === 'date_of_birth' ? <DateOfBirthQuestion /> : <CodeQuestion step={step.data} />}
      </Stack>
    </PortalFrame>
  );
}

function DateOfBirthQuestion() {
  const verify = useVerify();
  const [typed, setTyped] = useState('');
  const today = new Date().toISOString().slice(0, 10);
  const { order, monthNames, example } = localDateWords();
  const understood = parseTypedDate(typed, { order, today, monthNames });
  const unreadable = typed.trim() !== '' && !understood;
  return (
    <AnswerForm ready={understood !== null} pending={verify.isPending} onSubmit={() => understood && verify.mutate({ dateOfBirth: understood })}>
      <TextInput
        label="Your date of birth"
        size="md"
        autoComplete="bday"
        placeholder={example}
        description={understood ? `Understood as ${formatCalendarDate(understood, { year: 'numeric', month: 'long', day: 'numeric' })}` : `For example ${example}`}
        value={typed}
        onChange={(event) => {
          setTyped(event.currentTarget.value);
          verify.reset();
        }}
        error={unreadable ? `We can't read this date: type it like ${example}` : refusal(verify.error)}
        data-autofocus
      />
    </AnswerForm>
  );
}

function CodeQuestion({ step }: { readonly step: PortalVerification }) {
  const send = useSendCode();
  const verify = useVerify();
  const [code, setCode] = useState('');
  if (!step.codeDestination) {
    return <Text>We can’t send you a code: the clinic has no email address or phone number for you. Please contact the clinic.</Text>;
  }
  return (
    <Stack gap="md">
      {send.data ? (
        <Alert color="teal" title="Code sent">
          We sent a 6-digit code {send.data.sentTo}. It works once, for 10 minutes.
        </Alert>
      ) : (
        <Text>We’ll send a 6-digit code {step.codeDestination}.</Text>
      )}
      {send.error && (
        <Alert color="yellow" role="alert">
          {send.error.message}
        </Alert>
      )}
      {send.data && (
        <AnswerForm ready={code.replace(/\s/g, '').length === 6} pending={verify.isPending} onSubmit={() => verify.mutate({ code })}>
          <TextInput
            label="Code"
            size="md"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              verify.reset();
            }}
            error={refusal(verify.error)}
            data-autofocus
          />
        </AnswerForm>
      )}
      <Button variant={send.data ? 'subtle' : 'filled'} size="md" loading={send.isPending} onClick={() => send.mutate()} style={{ alignSelf: 'flex-start' }}>
        {send.data ? 'Send a new code' : 'Send me a code'}
      </Button>
    </Stack>
  );
}
