import { z } from 'zod';
import type { Endpoint, RefusalStatus } from './ops-contract.js';
import { errorOut } from './ops-schemas.js';

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12, the dialect OpenAPI 3.1 speaks, without `$schema`. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

/** The parameters of a path or query schema, each with its own schema and description. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const REFUSALS: Record<RefusalStatus | 401 | 429, { name: string; description: string }> = {
  400: {
    name: 'BadRequest',
    description:
      'The request is not valid: `message` says what is wrong and how to fix it, `fields` names each field (unknown fields are refused too).',
  },
  401: {
    name: 'Unauthorized',
    description: 'No token, or an unknown or revoked one. Send `Authorization: Bearer <token>`.',
  },
  404: {
    name: 'NotFound',
    description: 'This office has no such record (another office’s records are never visible).',
  },
  409: {
    name: 'Conflict',
    description:
      'The record’s state refuses the operation; `message` says why. Nothing was written.',
  },
  413: {
    name: 'PayloadTooLarge',
    description: 'The request body is larger than the server accepts.',
  },
  429: {
    name: 'TooManyRequests',
    description: 'This token made too many requests this minute; wait for `retry-after` seconds.',
  },
};

/** The OpenAPI 3.1 description of `endpoints`, generated from the schemas that validate them. */
export function openApiDocument(endpoints: readonly Endpoint[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    const refusals = [...endpoint.refusals, 401, 429] as const;
    const body = endpoint.body;
    paths[endpoint.path] ??= {};
    paths[endpoint.path]![endpoint.method.toLowerCase()] = {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      description: endpoint.description,
      tags: ['ops'],
      security: [{ bearerToken: [] }],
      parameters: [...parameters(endpoint.params, 'path'), ...parameters(endpoint.query, 'query')],
      ...(body
        ? {
            requestBody: {
              required: !body.safeParse(undefined).success,
              content: { 'application/json': { schema: jsonSchema(body, 'input') } },
            },
          }
        : {}),
      responses: {
        [endpoint.success.status]: {
          description: endpoint.success.description,
          content: {
            'application/json': { schema: jsonSchema(endpoint.success.schema, 'output') },
          },
        },
        ...Object.fromEntries(
          [...refusals]
            .sort()
            .map((status) => [
              String(status),
              { $ref: `#/components/responses/${REFUSALS[status].name}` },
            ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'NoLapse ops API',
      version,
      description:
        'The office server’s ops API: customers, renewals, the renewals queue, the daily refresh, timelines and worker compliance. JSON in and out, snake_case fields, dates as YYYY-MM-DD in the office’s time zone. Every refusal is `{error, message, fields?}`.',
    },
    components: {
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A token an office admin created (`nl_…`); it scopes every call to its office.',
        },
      },
      schemas: { Error: jsonSchema(errorOut, 'output') },
      responses: Object.fromEntries(
        Object.values(REFUSALS).map(({ name, description }) => [
          name,
          {
            description,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
    paths,
  };
}
