import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Fastify's own JSON Schema validator, installed with it; the 2020-12 dialect OpenAPI 3.1 uses.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOffice } from '../auth/offices.js';
import { configFrom } from '../config.js';
import { SERVER_EXTENSIONS } from '../extensions.js';
import { startServer, type Extension, type RunningServer } from '../start.js';
import { OPS, routePath } from './ops-contract.js';

type Operation = {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: object }[];
  requestBody?: { required: boolean; content: { 'application/json': { schema: object } } };
  responses: Record<
    string,
    { $ref?: string; content?: { 'application/json': { schema: object } } }
  >;
};
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object>; responses: Record<string, object> };
};

describe('the OpenAPI description of the ops API', () => {
  let server: RunningServer;
  let dataDir: string;
  let document: Document;
  const routes: { method: string; url: string }[] = [];
  // Registered before the ops API, so it sees every route the server adds.
  const recorder: Extension = () => (app) => {
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'nolapse-openapi-'));
    server = await startServer(
      configFrom({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      [recorder, ...SERVER_EXTENSIONS],
    );
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    document = JSON.parse(await response.text()) as Document;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is served without a token, as OpenAPI 3.1, listing every ops path', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(
      Object.entries(document.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    ).toEqual([
      'POST /ops/customers',
      'POST /ops/customers/{id}/renewals',
      'PATCH /ops/renewals/{renewal_id}/complete',
      'POST /ops/renewals/refresh',
      'GET /ops/renewals',
      'GET /ops/customers/{id}/timeline',
      'GET /ops/workers/{id}/compliance',
    ]);
  });

  it('describes every route the server answers under /ops, and nothing it does not', () => {
    const served = routes
      .filter((r) => r.url.startsWith('/ops/') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    const described = Object.values(OPS)
      .map((e) => `${e.method} ${routePath(e.path)}`)
      .sort();
    expect(served).toEqual(described);
  });

  it('gives each operation its request and response schemas and its refusals', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, op] of Object.entries(operations)) {
        const where = `${method} ${path}`;
        const pathNames = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(
          op.parameters.filter((p) => p.in === 'path').map((p) => p.name),
          where,
        ).toEqual(pathNames);
        for (const p of op.parameters) expect(() => ajv.compile(p.schema), where).not.toThrow();
        if (method === 'post' || method === 'patch') {
          const schema = op.requestBody!.content['application/json'].schema as {
            additionalProperties?: boolean;
          };
          expect(schema.additionalProperties, where).toBe(false);
          expect(() => ajv.compile(schema), where).not.toThrow();
        }
        const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
        expect(success, where).toHaveLength(1);
        expect(() =>
          ajv.compile(op.responses[success[0]!]!.content!['application/json'].schema),
        ).not.toThrow();
        for (const status of ['400', '401', '429'])
          expect(op.responses[status]?.$ref, `${where} ${status}`).toMatch(
            /^#\/components\/responses\//,
          );
        for (const response of Object.values(op.responses))
          if (response.$ref)
            expect(
              document.components.responses[response.$ref.split('/').pop()!],
              response.$ref,
            ).toBeDefined();
      }
    expect(document.paths['/ops/renewals/{renewal_id}/complete']!.patch!.responses['409']).toEqual({
      $ref: '#/components/responses/Conflict',
    });
    expect(
      document.paths['/ops/renewals']!.get!.parameters.map((p) => [p.name, p.required]),
    ).toEqual([
      ['window', false],
      ['service_type', false],
      ['status', false],
      ['assignee', false],
      ['limit', false],
      ['cursor', false],
    ]);
  });

  it('matches what the server answers, on a real office', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const { adminToken } = await createOffice(server.db, { name: 'Ikamet', timeZone: 'UTC' });
    const call = async (method: string, path: string, documented: string, body?: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${adminToken}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const op = document.paths[documented]![method.toLowerCase()]!;
      const answer = op.responses[String(response.status)]!;
      const schema = answer.content
        ? answer.content['application/json'].schema
        : document.components.schemas.Error!;
      const json = await response.json();
      const valid = ajv.validate(schema, json);
      expect(valid, `${method} ${path} ${response.status}: ${ajv.errorsText()}`).toBe(true);
      return json as Record<string, never>;
    };
    const customer = await call('POST', '/ops/customers', '/ops/customers', {
      full_name: 'Elif Kaya',
    });
    const renewal = await call(
      'POST',
      `/ops/customers/${customer.id}/renewals`,
      '/ops/customers/{id}/renewals',
      { service_type: 'RESIDENCE_PERMIT', due_date: '2030-03-15', repeats: 'yearly' },
    );
    await call('POST', `/ops/customers/${customer.id}/renewals`, '/ops/customers/{id}/renewals', {
      service_type: 'RESIDENCE_PERMIT',
      due_date: '2030-02-30',
    });
    await call(
      'PATCH',
      `/ops/renewals/${renewal.id}/complete`,
      '/ops/renewals/{renewal_id}/complete',
      {},
    );
    await call(
      'PATCH',
      `/ops/renewals/${renewal.id}/complete`,
      '/ops/renewals/{renewal_id}/complete',
      {},
    );
    await call('POST', '/ops/renewals/refresh', '/ops/renewals/refresh');
    await call('GET', '/ops/renewals?window=all&status=all', '/ops/renewals');
    await call('GET', `/ops/customers/${customer.id}/timeline`, '/ops/customers/{id}/timeline');
    await call('GET', '/ops/workers/wrk_none/compliance', '/ops/workers/{id}/compliance');
  });
});
