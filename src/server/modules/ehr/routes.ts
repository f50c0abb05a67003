import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ehrConnectionSchema, ehrExportSchema, ehrStatusSchema, jwksSchema, patientIdentifierSchema, saveEhrConnectionSchema, sessionEhrSchema } from '../../../shared/ehr';
import { file, json, noContent, problems } from '../../http/responses';
import { sendStoredFile } from '../../http/send-file';
import type { App } from '../../http/types';
import { staffOf } from '../auth';
import type { EhrConnectionService } from './connection';
import type { EhrExports } from './exports';
import { sessionRead } from '../audit';

const tags = ['EHR'];
const sessionParams = z.object({ id: z.uuid() });
const exportParams = z.object({ id: z.uuid(), exportId: z.uuid() });
const participantParams = z.object({ id: z.uuid(), participantId: z.uuid() });
const queued = { 202: json(ehrExportSchema, 'The send, queued'), 200: json(ehrExportSchema, 'The send already queued for this session') };

const sendQueued = (reply: FastifyReply, result: { export: unknown; created: boolean }) => reply.code(result.created ? 202 : 200).send(result.export);

/** The EHR connection (administrators), a session's sends (its staff), and the public JWKS. */
export function ehrRoutes(app: App, services: { connection: EhrConnectionService; exports: EhrExports }): void {
  const { connection, exports } = services;

  app.get('/ehr/status', {
    schema: { tags, summary: 'Whether an EHR is connected', description: "For the MedCart tab's status line; any staff member.", response: { 200: json(ehrStatusSchema), ...problems(401) } },
  }, (request) => connection.status(staffOf(request)));

  app.get('/ehr/connection', {
    schema: { tags, summary: 'The EHR connection', description: 'Administrators only: settings, the current signing key and where the JWKS is.', response: { 200: json(ehrConnectionSchema), ...problems(401, 403) } },
  }, (request) => connection.get(staffOf(request)));

  app.put('/ehr/connection', {
    schema: {
      tags,
      summary: 'Set up the EHR connection',
      description: 'Administrators only. The first save (or a change of algorithm) makes a key pair; its public key is published at /.well-known/jwks.json. Needs EHR_KEY_SECRET (409 `ehr_key_secret_missing` without).',
      body: saveEhrConnectionSchema,
      response: { 200: json(ehrConnectionSchema, 'The connection as saved'), ...problems(400, 401, 403, 409) },
    },
  }, (request) => connection.save(staffOf(request), request.body));

  app.post('/ehr/connection/test', {
    schema: {
      tags,
      summary: 'Test the EHR connection',
      description: "Administrators only. Discovers the token endpoint, gets a token (SMART Backend Services) and reads GET <base>/metadata. A failed test is an answer too: `lastCheckOk` false with the reason.",
      response: { 200: json(ehrStatusSchema, 'What the test found'), ...problems(401, 403, 409) },
    },
  }, (request) => connection.test(staffOf(request)));

  app.post('/ehr/connection/key', {
    schema: { tags, summary: 'Make a new signing key', description: 'Administrators only. The old public key leaves the JWKS at once.', response: { 200: json(ehrConnectionSchema, 'The connection with its new key'), ...problems(401, 403, 409) } },
  }, (request) => connection.rotateKey(staffOf(request)));

  app.get('/sessions/:id/ehr', {
    schema: { tags, summary: "A session's sends to the EHR", params: sessionParams, response: { 200: json(sessionEhrSchema), ...problems(401, 404) } },
  }, (request) => exports.ofSession(staffOf(request), request.params.id));

  app.post('/sessions/:id/ehr/send', {
    config: { audit: sessionRead('session.ehr_send_queued') },
    schema: {
      tags,
      summary: 'Send the session to the EHR',
      description: 'Queues a send of the session as one FHIR R4 transaction Bundle; a resend creates nothing twice in the EHR. 409 `no_ehr_connection` when none is set up.',
      params: sessionParams,
      response: { ...queued, ...problems(401, 403, 404, 409) },
    },
  }, async (request, reply) => sendQueued(reply, await exports.send(staffOf(request), request.params.id)));

  app.post('/sessions/:id/ehr/exports/:exportId/retry', {
    config: { audit: sessionRead('session.ehr_send_queued', 'ehr_export', 'exportId') },
    schema: { tags, summary: 'Retry a failed send', description: 'Queues the session again; the failed send stays in the log.', params: exportParams, response: { ...queued, ...problems(401, 403, 404, 409) } },
  }, async (request, reply) => sendQueued(reply, await exports.retry(staffOf(request), request.params.id, request.params.exportId)));

  app.get('/sessions/:id/fhir', {
    config: { audit: sessionRead('session.fhir_exported') },
    schema: {
      tags,
      summary: 'Download the session as FHIR',
      description: 'The transaction Bundle a send would carry now, checked against FHIR R4. Patients the EHR knows are conditional references (`Patient?identifier=…`).',
      params: sessionParams,
      response: { 200: file('application/fhir+json', 'The Bundle'), ...problems(401, 404, 422) },
    },
  }, async (request, reply) => {
    const bundle = await exports.bundleFor(staffOf(request), request.params.id);
    const bytes = new TextEncoder().encode(JSON.stringify(bundle));
    return sendStoredFile(reply, { filename: `session-${request.params.id}.fhir.json`, contentType: 'application/fhir+json', bytes }, 'attachment');
  });

  app.put('/sessions/:id/participants/:participantId/ehr-identifier', {
    schema: {
      tags,
      summary: "Set a participant's EHR patient identifier",
      description: 'Sends then refer to the EHR’s own patient instead of creating one.',
      params: participantParams,
      body: patientIdentifierSchema,
      response: { 204: noContent, ...problems(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    await connection.setPatientIdentifier(staffOf(request), request.params.id, request.params.participantId, request.body);
    return reply.code(204).send();
  });

  app.delete('/sessions/:id/participants/:participantId/ehr-identifier', {
    schema: { tags, summary: "Clear a participant's EHR patient identifier", params: participantParams, response: { 204: noContent, ...problems(401, 403, 404) } },
  }, async (request, reply) => {
    await connection.setPatientIdentifier(staffOf(request), request.params.id, request.params.participantId, null);
    return reply.code(204).send();
  });
}

/** Carebeam's public signing keys, for EHRs to check its SMART assertions. Public, at the site's root. */
export function jwksRoute(app: App, connection: EhrConnectionService): void {
  app.get('/.well-known/jwks.json', {
    schema: {
      tags,
      summary: 'Public signing keys (JWKS)',
      description: "One key per organization (its `kid`); EHRs fetch it to check Carebeam's client assertions.",
      security: [],
      response: { 200: json(jwksSchema), ...problems() },
    },
  }, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(await connection.jwks()));
}
