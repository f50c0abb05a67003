import { Button, Divider, EmptyState, Group, Stack, Title } from '@mantine/core';
import { IconDeviceHeartMonitor, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { SendState } from '../../../shared/ehr';
import type { Reading } from '../../../shared/medcart';
import type { SessionDetails } from '../../../shared/sessions';
import { useOrganization } from '../../api/queries';
import { hasRole, useCurrentUser } from '../../auth/sign-in';
import { QueryState } from '../../components/QueryState/QueryState';
import { CartAttachment } from './medcart/CartAttachment';
import { EhrSendPanel } from './medcart/EhrSendPanel';
import { EhrStatusLine } from './medcart/EhrStatusLine';
import { ImageGallery } from './medcart/ImageGallery';
import { LatestReadings } from './medcart/LatestReadings';
import { useEarlierReadings, useReadings, useSessionCart, useSessionEhr, useSessionImages } from './medcart/medcart-api';
import { ReadingForm } from './medcart/ReadingForm';
import { ReadingsByKind } from './medcart/ReadingsByKind';
import { useMedCartLive } from './medcart/useMedCartLive';

export interface MedCartTabProps {
  readonly session: SessionDetails;
  readonly viewerTimeZone: string;
}

/**
 * The session's MedCart data: the latest vital signs, each kind's readings with a trend, the
 * screenshots and images, and the EHR: its status line, and the send-back of this session.
 * Readings and images arrive live while the tab is open.
 */
export function MedCartTab({ session, viewerTimeZone }: MedCartTabProps) {
  const me = useCurrentUser();
  const organization = useOrganization();
  const readings = useReadings(session.id);
  const earlier = useEarlierReadings(session.id);
  const images = useSessionImages(session.id);
  const cart = useSessionCart(session.id);
  const ehr = useSessionEhr(session.id);
  const [form, setForm] = useState<{ correcting: Reading | null } | null>(null);
  useMedCartLive(session.id);

  const units = organization.data?.preferredUnits ?? 'metric';
  const participants = session.participants.map((p) => ({ id: p.id, name: p.name }));
  const sendStates = ehr.data?.status.connected ? new Map(ehr.data.items.map((item) => [item.id, item.state] as [string, SendState])) : null;
  const list = readings.data ?? [];
  const canceled = session.status === 'canceled';

  return (
    <Stack gap="lg">
      {ehr.data && <EhrStatusLine status={ehr.data.status} viewerTimeZone={viewerTimeZone} isAdmin={hasRole(me, 'admin')} />}

      <Stack gap="sm" component="section" aria-labelledby="medcart-vitals">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} id="medcart-vitals">
            Vital signs
          </Title>
          <Button size="xs" leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setForm({ correcting: null })} disabled={canceled}>
            Add reading
          </Button>
        </Group>
        {cart.data && !canceled && <CartAttachment sessionId={session.id} attached={cart.data} participants={participants} />}
        <QueryState query={readings}>
          {list.length === 0 ? (
            <EmptyState icon={<IconDeviceHeartMonitor size={28} aria-hidden="true" />} withIndicatorBackground>
              <EmptyState.Title order={4}>No vital signs yet</EmptyState.Title>
              <EmptyState.Description>Readings entered here or sent by the session’s MedCart appear as they arrive.</EmptyState.Description>
            </EmptyState>
          ) : (
            <Stack gap="md">
              <LatestReadings readings={list} units={units} viewerTimeZone={viewerTimeZone} sendStates={sendStates} />
              <ReadingsByKind readings={list} earlier={earlier.data ?? []} units={units} viewerTimeZone={viewerTimeZone} sendStates={sendStates} onCorrect={(reading) => setForm({ correcting: reading })} />
            </Stack>
          )}
        </QueryState>
      </Stack>

      <Divider />
      <Stack gap="sm" component="section" aria-labelledby="medcart-images">
        <Title order={3} id="medcart-images">
          Screenshots and images
        </Title>
        <QueryState query={images}>
          <ImageGallery sessionId={session.id} images={images.data ?? []} participants={participants} viewerTimeZone={viewerTimeZone} sendStates={sendStates} />
        </QueryState>
      </Stack>

      <Divider />
      <Stack gap="sm" component="section" aria-labelledby="medcart-ehr">
        <Title order={3} id="medcart-ehr">
          EHR send-back
        </Title>
        <QueryState query={ehr}>{ehr.data && <EhrSendPanel sessionId={session.id} ehr={ehr.data} documents={session.documents} viewerTimeZone={viewerTimeZone} />}</QueryState>
      </Stack>

      <ReadingForm
        sessionId={session.id}
        participants={participants}
        defaultParticipantId={cart.data?.participantId ?? null}
        units={units}
        viewerTimeZone={viewerTimeZone}
        correcting={form?.correcting ?? null}
        opened={form !== null}
        onClose={() => setForm(null)}
      />
    </Stack>
  );
}
