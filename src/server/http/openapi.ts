import fastifySwagger, { type SwaggerTransform, type SwaggerTransformObject } from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { z } from 'zod';
import { problemExample } from './responses';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * The fields of a multipart/form-data upload, for the document only: the route reads the
     * parts itself (request.file()), so Fastify must not validate a body.
     */
    multipartBody?: z.ZodType;
  }
}

/** The reference's sections, one per module, in this order. Every route names one. */
export const API_TAGS = [
  { name: 'Health', description: 'Whether the app and its database answer' },
  { name: 'Auth', description: 'Staff sign-in, sign-out and the signed-in member' },
  { name: 'Users', description: 'Staff accounts and their roles' },
  { name: 'Organization', description: "The organization's name, time zone and booking rules" },
  { name: 'Backups', description: 'Backups the server makes of its embedded database and stored files (administrators)' },
  { name: 'Catalog', description: 'Services and session types' },
  { name: 'Work Hours', description: "Providers' weekly hours and date overrides" },
  { name: 'Availability', description: 'Free times to book' },
  { name: 'Participants', description: 'The participant directory' },
  { name: 'Sessions', description: 'Scheduling and changing sessions, their participants and history' },
  { name: 'Documents', description: 'Document templates, and the documents of each session' },
  { name: 'Notes', description: 'Notes on sessions' },
  { name: 'Calendar', description: 'Calendar files and private calendar feeds' },
  { name: 'Messaging', description: 'Reminders and the outbox of every email and SMS' },
  { name: 'Audit', description: 'The audit trail of who did what about which patients, and its CSV export' },
  { name: 'Portal', description: "Join links, and a participant's own page reached through one" },
  { name: 'Video', description: 'The door of the video call (admit, deny, remove), its ICE servers, and the attendance' },
  { name: 'Chat', description: "A session's conversation, private threads with participants, attachments and unread counts" },
  { name: 'MedCart', description: "Vital-sign readings from staff and carts, the organization's carts, and a session's screenshots and images" },
  { name: 'EHR', description: "The organization's EHR connection (SMART Backend Services), sending sessions as FHIR R4, and the public signing keys" },
] as const;

const TAG_NAMES = new Set<string>(API_TAGS.map((tag) => tag.name));

/** What a route lacks to be documented; empty when it is. */
function undocumentedParts(route: Pick<RouteOptions, 'url' | 'schema'>): string[] {
  const schema = route.schema ?? {};
  const missing: string[] = [];
  if (!schema.summary) missing.push('a summary');
  if (!schema.tags?.length || !schema.tags.every((tag) => TAG_NAMES.has(tag))) missing.push(`a tag among ${[...TAG_NAMES].join(', ')}`);
  const statuses = Object.keys((schema.response as object | undefined) ?? {});
  // A WebSocket route succeeds with 101 Switching Protocols.
  if (!statuses.some((status) => status.startsWith('2') || status === '101')) missing.push('a success response schema');
  if (!statuses.includes('500')) missing.push('its problem+json error responses');
  if (route.url.includes(':') && !schema.params) missing.push('a params schema');
  return missing;
}

type Responses = Record<string, { content?: Record<string, { example?: unknown }> }>;

/** Each problem+json answer shows an example body of its own status. */
function withProblemExamples(responses: Responses): void {
  for (const [status, response] of Object.entries(responses)) {
    const media = response.content?.['application/problem+json'];
    if (media) media.example = problemExample(Number(status));
  }
}

/**
 * The zod type provider's transform, with steps of ours: a route that is not fully documented
 * stops the document (so its test fails), a multipart upload is documented as such, and
 * problem+json answers get examples.
 */
const documentRoute: SwaggerTransform = (document) => {
  const { schema, route } = document;
  if (schema?.hide) return jsonSchemaTransform(document);
  const missing = undocumentedParts(route);
  if (missing.length > 0) throw new Error(`${String(route.method)} ${route.url} is not documented: it needs ${missing.join(', ')}`);
  const { multipartBody, ...rest } = schema;
  const transformed = jsonSchemaTransform({ ...document, schema: multipartBody ? { ...rest, body: multipartBody } : rest });
  withProblemExamples(transformed.schema.response as Responses);
  if (multipartBody) transformed.schema.body = { content: { 'multipart/form-data': { schema: transformed.schema.body } } };
  return transformed;
};

const SCHEMA_REF = '#/components/schemas/';

/**
 * The schemas with an id become components, once as input and once as output: keep only those
 * the paths reach, directly or through another component.
 */
function withReachableSchemas(document: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  const schemas = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF)) {
        const name = value.slice(SCHEMA_REF.length);
        if (!reached.has(name)) {
          reached.add(name);
          visit(schemas[name]);
        }
      } else {
        visit(value);
      }
    }
  };
  visit(document.paths);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
  return { ...document, components: { ...document.components, schemas: kept } };
}

const STANDARD_FORMATS = new Set(['uuid', 'date-time', 'email']);

/**
 * Zod writes its regular expression beside a standard `format`; the format says the same, and
 * Swagger UI would make its examples from the expression (a 700-character "email").
 */
function dropFormatPatterns(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(dropFormatPatterns);
  if (node === null || typeof node !== 'object') return;
  const schema = node as { format?: unknown; pattern?: unknown };
  if (typeof schema.format === 'string' && STANDARD_FORMATS.has(schema.format)) delete schema.pattern;
  Object.values(node).forEach(dropFormatPatterns);
}

const documentObject: SwaggerTransformObject = (document) => {
  const openapi = withReachableSchemas(jsonSchemaTransformObject(document) as OpenAPIV3_1.Document);
  dropFormatPatterns(openapi);
  return openapi;
};

export interface OpenApiOptions {
  /** Names of the cookies that carry a staff sign-in and a participant's portal sign-in. */
  staffCookie: string;
  participantCookie: string;
  version: string;
}

/**
 * OpenAPI 3.1 generated from the routes' zod schemas, at GET /api/openapi.json, and a Swagger UI
 * reference at /api/docs. Both are public: they describe the API and hold no data. Register
 * before the routes: the document collects routes as they are added.
 */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Carebeam API',
        version: options.version,
        description:
          'The HTTP API of Carebeam, generated from the schemas that validate every request and answer. ' +
          'Instants are ISO 8601 UTC strings. Errors are RFC 9457 `application/problem+json` with a stable `code`. ' +
          'Staff sign in with POST /api/auth/login (a cookie); state-changing requests from other sites are refused. ' +
          'Live channels are WebSockets (not listed below, which OpenAPI cannot describe): `GET /api/sessions/{id}/live` (staff), ' +
          '`GET /api/portal/live` (a participant) and `GET /api/live` (a staff member across their sessions), authorized at the upgrade ' +
          'like the HTTP routes, Origin checked; frames are JSON (src/shared/live.ts), at most 64 KB each and 20 a second; close 4403 means access ended.',
      },
      tags: API_TAGS.map((tag) => ({ ...tag })),
      components: {
        securitySchemes: {
          staffSession: { type: 'apiKey', in: 'cookie', name: options.staffCookie, description: 'Set by POST /api/auth/login' },
          participantSession: { type: 'apiKey', in: 'cookie', name: options.participantCookie, description: 'Set by POST /api/portal/exchange' },
          cartToken: { type: 'http', scheme: 'bearer', description: "A cart's token, issued on the Devices page (POST /api/medcart/carts)" },
        },
      },
      security: [{ staffSession: [] }],
    },
    transform: documentRoute,
    transformObject: documentObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    theme: { title: 'Carebeam API reference' },
    // BaseLayout: the reference without Swagger's top bar (its logo and a box to load other documents).
    uiConfig: { layout: 'BaseLayout', deepLinking: true, docExpansion: 'list', defaultModelsExpandDepth: 0 },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
