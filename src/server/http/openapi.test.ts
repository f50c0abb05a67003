import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../testing/harness';
import type { App } from './types';
import { API_TAGS, registerOpenApi } from './openapi';
import { json, problems } from './responses';

let t: TestApp;
let document: OpenAPIV3_1.Document;
beforeAll(async () => {
  t = await startTestApp();
  // Built here first so that an undocumented route fails naming itself, not as a 500 below.
  t.app.swagger();
  const response = await t.request({ url: '/api/openapi.json' });
  expect(response.status).toBe(200);
  document = response.body;
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item ?? {}).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation: operation as OpenAPIV3_1.OperationObject })),
  );

/** Every JSON Schema the document holds: components, parameters, request and response bodies. */
function schemasOf(doc: OpenAPIV3_1.Document): { where: string; schema: object }[] {
  const found: { where: string; schema: object }[] = Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => ({
    where: `components.schemas.${name}`,
    schema,
  }));
  const media = (where: string, content: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined) =>
    Object.entries(content ?? {}).flatMap(([type, { schema }]) => (schema ? [{ where: `${where} ${type}`, schema }] : []));
  for (const { name, operation } of operations()) {
    for (const parameter of (operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[]) {
      if (parameter.schema) found.push({ where: `${name} parameter ${parameter.name}`, schema: parameter.schema });
    }
    found.push(...media(`${name} request`, (operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content));
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      found.push(...media(`${name} ${status}`, (response as OpenAPIV3_1.ResponseObject).content));
    }
  }
  return found;
}

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document whose schemas are valid JSON Schema 2020-12', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as never);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');

    // The OpenAPI schema leaves Schema Objects open: check each against the 2020-12 meta-schema.
    const ajv = new Ajv2020({ strict: false });
    const invalid = schemasOf(document).filter(({ schema }) => !ajv.validateSchema(schema));
    expect(invalid.map(({ where }) => where)).toEqual([]);
    expect(schemasOf(document).length).toBeGreaterThan(100);
  });

  it('notices a document that is not valid', async () => {
    const broken = structuredClone(document) as unknown as { paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>> };
    delete broken.paths['/api/health']!.get!.responses['200']!.description;
    const result = await new Validator().validate(broken);
    expect(result.valid).toBe(false);
    expect(new Ajv2020({ strict: false }).validateSchema({ type: 'object', required: 'name' })).toBe(false);
  });

  it('is public and holds no data: nothing of an organization appears in it', async () => {
    const admin = await t.staff(['admin']);
    const created = await t.request({
      method: 'POST',
      url: '/api/participants',
      cookie: admin.cookie,
      body: { name: 'Zebulon Quartermain', timeZone: 'Europe/Berlin', invitationType: 'email', email: 'zebulon@patients.test' },
    });
    expect(created.status).toBe(201);

    const response = await t.request({ url: '/api/openapi.json' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    for (const secret of ['Zebulon', 'zebulon@patients.test', admin.email, admin.name, created.body.id]) expect(response.text).not.toContain(secret);
  });

  it('documents every API route: a summary, a known tag, a described answer and problem+json errors', () => {
    const tags = new Set<string>(API_TAGS.map((tag) => tag.name));
    const all = operations();
    expect(all.length).toBeGreaterThanOrEqual(64);
    for (const { name, operation } of all) {
      expect(operation.summary, name).toBeTruthy();
      expect(operation.tags?.every((tag) => tags.has(tag)) && operation.tags.length > 0, name).toBe(true);
      const responses = Object.entries(operation.responses ?? {}) as [string, OpenAPIV3_1.ResponseObject][];
      const success = responses.filter(([status]) => status.startsWith('2'));
      expect(success.length, name).toBeGreaterThan(0);
      for (const [status, response] of success) {
        expect(response.description, `${name} ${status}`).not.toBe('Default Response');
        expect(Boolean(response.content), `${name} ${status} has a body`).toBe(status !== '204');
      }
      const errors = responses.filter(([status]) => /^[45]/.test(status));
      expect(errors.map(([status]) => status), name).toContain('500');
      for (const [status, response] of errors) {
        expect(Object.keys(response.content ?? {}), `${name} ${status}`).toEqual(['application/problem+json']);
        expect(response.content!['application/problem+json']!.example, `${name} ${status}`).toMatchObject({ status: Number(status), title: expect.any(String) });
      }
      if (name.includes('{')) expect(responses.map(([status]) => status), `${name} answers 404 to an unknown id`).toContain('404');
    }
    expect(new Set(all.flatMap(({ operation }) => operation.tags ?? []))).toEqual(tags);
  });

  it('says who may call: staff by default, participants on the portal, nobody before signing in', () => {
    const security = (name: string) => {
      const found = operations().find((entry) => entry.name === name);
      expect(found, name).toBeDefined();
      return found!.operation.security ?? document.security;
    };
    expect(security('GET /api/sessions')).toEqual([{ staffSession: [] }]);
    expect(security('GET /api/portal/session')).toEqual([{ participantSession: [] }]);
    for (const open of ['POST /api/auth/login', 'POST /api/portal/exchange', 'GET /api/health', 'GET /api/calendar/feed/{file}']) expect(security(open), open).toEqual([]);
    expect(document.components?.securitySchemes?.staffSession).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'carebeam_session' });
  });

  it('documents uploads as multipart, files by their media type, and formats plainly', () => {
    const paths = document.paths!;
    const upload = (paths['/api/document-templates/pdf']!.post!.requestBody as OpenAPIV3_1.RequestBodyObject).content['multipart/form-data']!.schema!;
    expect(upload).toMatchObject({ type: 'object', required: ['name', 'audience', 'file'] });
    expect((upload as OpenAPIV3_1.SchemaObject).properties!.file).toMatchObject({ type: 'string', contentMediaType: 'application/pdf' });
    expect(paths['/api/sessions/{id}/documents/{documentId}/pdf']!.get!.responses!['200']).toMatchObject({
      content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
    });
    expect(Object.keys((paths['/api/sessions/{id}/calendar.ics']!.get!.responses!['200'] as OpenAPIV3_1.ResponseObject).content!)).toEqual(['text/calendar']);
    expect(paths['/api/auth/logout']!.post!.responses!['204']).toEqual({ description: expect.any(String) });
    // A standard format stands without zod's regular expression beside it.
    const session = document.components!.schemas!.Session as OpenAPIV3_1.SchemaObject;
    expect(session.properties!.start).toEqual({ type: 'string', format: 'date-time' });
    expect(session.properties!.id).toEqual({ type: 'string', format: 'uuid' });
  });
});

describe('GET /api/docs', () => {
  it('serves the reference page to anyone, every script and style from our own origin, under the app CSP', async () => {
    const page = await t.request({ url: '/api/docs' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toContain('/api/docs/static/swagger-ui-bundle.js');
    for (const asset of assets) {
      const response = await t.request({ url: asset });
      expect(response.status, asset).toBe(200);
    }
    const spec = await t.request({ url: '/api/docs/json' });
    expect(spec.body).toEqual(document);
  });
});

describe('a route that is not documented', () => {
  /** The document of an app with the one route `add` registers. */
  async function documentOf(add: (app: App) => void) {
    const app: App = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await registerOpenApi(app, { staffCookie: 'staff', participantCookie: 'participant', version: '0' });
    add(app);
    await app.ready();
    try {
      return app.swagger();
    } finally {
      await app.close();
    }
  }
  const handler = () => ({ ok: true });
  const response = { 200: json(z.object({ ok: z.boolean() }), 'Fine'), ...problems(404) };
  const params = z.object({ id: z.uuid() });

  it('stops the document, naming the route and what it lacks', async () => {
    await expect(documentOf((app) => app.get('/api/things', handler))).rejects.toThrow(
      'GET /api/things is not documented: it needs a summary, a tag among Health, Auth',
    );
    await expect(documentOf((app) => app.get('/api/things', { schema: { summary: 'Things', tags: ['Misc'], response } }, handler))).rejects.toThrow(
      'GET /api/things is not documented: it needs a tag among',
    );
    await expect(documentOf((app) => app.get('/api/things', { schema: { summary: 'Things', tags: ['Health'] } }, handler))).rejects.toThrow(
      'GET /api/things is not documented: it needs a success response schema, its problem+json error responses',
    );
    await expect(documentOf((app) => app.get('/api/things', { schema: { summary: 'Things', tags: ['Health'], response: { 200: response[200] } } }, handler))).rejects.toThrow(
      'GET /api/things is not documented: it needs its problem+json error responses',
    );
    await expect(documentOf((app) => app.get('/api/things/:id', { schema: { summary: 'A thing', tags: ['Health'], response } }, handler))).rejects.toThrow(
      'GET /api/things/:id is not documented: it needs a params schema',
    );
  });

  it('lets a documented one through', async () => {
    const document = await documentOf((app) => app.get('/api/things/:id', { schema: { summary: 'A thing', tags: ['Health'], params, response } }, handler));
    expect(document.paths?.['/api/things/{id}']?.get).toMatchObject({ summary: 'A thing', tags: ['Health'] });
  });
});
