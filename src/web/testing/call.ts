import type { ServerFrame } from '../../shared/live';
import type { CallMember, IceConfig } from '../../shared/video';
import { type ChatSender } from '../../shared/chat';
import { MARTA, STAFF, uuid } from './chat-server';

/** Client ids of sockets in a call; their order decides who is polite (the lower id). */
export const CLIENT = { host: uuid(7001), marta: uuid(7002), javier: uuid(7003), nurse: uuid(7004) } as const;

export const NURSE: ChatSender = { kind: 'staff', id: uuid(2), name: 'Nurse Ana Ruiz' };

export const member = (clientId: string, person: ChatSender, overrides: Partial<CallMember> = {}): CallMember => ({
  clientId,
  kind: person.kind,
  id: person.id,
  name: person.name,
  camera: true,
  microphone: true,
  screen: false,
  host: person === STAFF,
  ...overrides,
});

export const roster = (you: string, members: CallMember[]): ServerFrame => ({ type: 'video.roster', you, members });

export const HOST_IN_CALL = member(CLIENT.host, STAFF);
export const MARTA_IN_CALL = member(CLIENT.marta, MARTA);

/** An ICE configuration that stays valid for the whole test, whatever today is. */
export const iceConfig = (expiresAt = '2999-01-01T00:00:00Z', urls = 'stun:127.0.0.1:3478'): IceConfig => ({
  iceServers: [{ urls }],
  iceTransportPolicy: 'all',
  expiresAt,
});
