import { Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { ApiError } from '../../api/client';
import { useExchangeToken } from './api';
import { LinkNotWorking, PortalFrame, PortalLoader, PortalMessage } from './PortalFrame';

export interface JoinPageProps {
  readonly token: string;
  /** The cookie is set: the app replaces `/join/<token>` with `/portal` (`PortalApp`). */
  readonly onJoined: () => void;
}

/** `/join/:token`, the link in the invitation: trades the token for the participant cookie once. */
export function JoinPage({ token, onJoined }: JoinPageProps) {
  const { mutate: exchange, isSuccess, error } = useExchangeToken();
  // StrictMode runs effects twice in development; a token is exchanged once.
  const exchangedToken = useRef<string | null>(null);

  useEffect(() => {
    if (exchangedToken.current === token) return;
    exchangedToken.current = token;
    exchange(token);
  }, [exchange, token]);

  useEffect(() => {
    if (isSuccess) onJoined();
  }, [isSuccess, onJoined]);

  if (error) return <JoinFailed error={error} onRetry={() => exchange(token)} />;
  return (
    <PortalFrame>
      <PortalLoader label="Opening your session…" />
    </PortalFrame>
  );
}

interface JoinFailedProps {
  readonly error: Error;
  readonly onRetry: () => void;
}

function JoinFailed({ error, onRetry }: JoinFailedProps) {
  const status = error instanceof ApiError ? error.status : 0;
  // 400: a token cut short may fail the server's format check before it is even looked up.
  if (status === 404 || status === 400) return <LinkNotWorking />;
  if (status === 429) {
    return (
      <PortalMessage title="Too many attempts, wait a minute" onRetry={onRetry}>
        <Text>This link was opened too many times in a short while. Wait a minute, then try again.</Text>
      </PortalMessage>
    );
  }
  if (status === 0) {
    return (
      <PortalMessage title="We couldn't reach the clinic" onRetry={onRetry}>
        <Text>Check that this device is connected to the internet, then try again.</Text>
      </PortalMessage>
    );
  }
  return (
    <PortalMessage title="Something went wrong on our side" onRetry={onRetry}>
      <Text>Your session could not be opened just now. Try again in a moment.</Text>
    </PortalMessage>
  );
}
