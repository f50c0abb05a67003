import { z } from 'zod';
import { MODALITIES } from './catalog';
import { organizationLogoSchema } from './logo';
import { SESSION_STATUSES } from './sessions';

/** What a participant's own page shows: their session, and nothing of other participants. */
export const portalViewSchema = z
  .object({
    session: z.object({
      id: z.uuid(),
      start: z.iso.datetime(),
      end: z.iso.datetime(),
      status: z.enum(SESSION_STATUSES),
      service: z.object({ name: z.string(), durationMinutes: z.number().int().positive() }),
      sessionType: z.object({ name: z.string(), modality: z.enum(MODALITIES) }),
      host: z.object({ name: z.string(), timeZone: z.string() }),
      organization: z.object({ name: z.string(), logo: organizationLogoSchema.nullable() }),
      startedAt: z.iso.datetime().nullable(),
      endedAt: z.iso.datetime().nullable(),
      /** From when until when the participant may join the call (video sessions). */
      joinWindow: z.object({ opensAt: z.iso.datetime(), closesAt: z.iso.datetime() }),
    }),
    participant: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
  })
  .meta({ id: 'PortalView', description: "A participant's own session, and nothing of other participants" });
export type PortalView = z.infer<typeof portalViewSchema>;

export const portalExchangeSchema = z
  .object({ sessionId: z.uuid() })
  .meta({ id: 'PortalExchange', description: 'The session the join link opens; the participant cookie is set' });
export type PortalExchange = z.infer<typeof portalExchangeSchema>;

export const joinLinkSchema = z
  .object({ url: z.url(), expiresAt: z.iso.datetime() })
  .meta({ id: 'JoinLink', description: "A new private join link of a participant; it is not kept, so each request makes one" });
export type JoinLink = z.infer<typeof joinLinkSchema>;
