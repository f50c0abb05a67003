import { Button, Group, Select, Text } from '@mantine/core';
import { IconDeviceHeartMonitor } from '@tabler/icons-react';
import { useState } from 'react';
import type { SessionCart } from '../../../../shared/medcart';
import { ApiError } from '../../../api/client';
import { useAttachCart, useCarts, useDetachCart } from './medcart-api';

export interface CartAttachmentProps {
  readonly sessionId: string;
  readonly attached: SessionCart;
  readonly participants: { id: string; name: string }[];
}

/** The cart at the patient's side: attach one (it may then post readings here), or detach it. */
export function CartAttachment({ sessionId, attached, participants }: CartAttachmentProps) {
  const carts = useCarts();
  const attach = useAttachCart(sessionId);
  const detach = useDetachCart(sessionId);
  const [cartId, setCartId] = useState<string | null>(null);
  const [participantId, setParticipantId] = useState<string | null>(participants.length === 1 ? participants[0]!.id : null);
  const usable = (carts.data ?? []).filter((cart) => cart.hasToken);
  const error = attach.error instanceof ApiError ? (attach.error.problem.errors?.[0]?.message ?? attach.error.message) : null;

  if (attached.cart) {
    const whose = participants.find((p) => p.id === attached.participantId)?.name;
    return (
      <Group gap="xs">
        <IconDeviceHeartMonitor size={18} aria-hidden="true" />
        <Text size="sm">
          MedCart <strong>{attached.cart.name}</strong>
          {attached.cart.location ? ` (${attached.cart.location})` : ''} is attached{whose ? ` for ${whose}` : ''}.
        </Text>
        <Button size="compact-xs" variant="subtle" color="red" loading={detach.isPending} onClick={() => detach.mutate()}>
          Detach
        </Button>
      </Group>
    );
  }
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        size="xs"
        label="Attach a MedCart"
        placeholder={usable.length === 0 ? 'No carts registered' : 'Choose a cart'}
        data={usable.map((cart) => ({ value: cart.id, label: cart.location ? `${cart.name} · ${cart.location}` : cart.name }))}
        value={cartId}
        onChange={setCartId}
        disabled={usable.length === 0}
        error={error}
      />
      {participants.length > 1 && (
        <Select size="xs" label="Readings are for" placeholder="Choose a participant" data={participants.map((p) => ({ value: p.id, label: p.name }))} value={participantId} onChange={setParticipantId} />
      )}
      <Button size="xs" variant="light" disabled={!cartId || !participantId} loading={attach.isPending} onClick={() => cartId && participantId && attach.mutate({ cartId, participantId })}>
        Attach
      </Button>
    </Group>
  );
}
