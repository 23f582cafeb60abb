import { Router } from 'express';
import { z } from 'zod';
import { configJsonSchema } from '../../config/config.json-schema.js';
import { VERSION } from '../../version.js';
import { OPERATIONS, type Answer, type Operation } from './operations.js';

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect); requests as they are sent, answers as sent too. */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return rest;
}

function content(answer: Answer): Record<string, unknown> | undefined {
  const types: Record<string, unknown> = {};
  if (answer.json) types['application/json'] = { schema: jsonSchema(answer.json) };
  if (answer.media) types[answer.media] = { schema: { type: 'string' } };
  return Object.keys(types).length > 0 ? types : undefined;
}

function parameters(operation: Operation): unknown[] {
  const inPath = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const inQuery = Object.entries(operation.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: !(schema as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(schema as z.ZodType),
  }));
  const inHeader = (operation.headers ?? []).map((header) => ({
    name: header.name,
    in: 'header',
    required: header.required,
    description: header.description,
    schema: jsonSchema(header.schema),
  }));
  return [...inPath, ...inQuery, ...inHeader];
}

function describeOperation(operation: Operation): Record<string, unknown> {
  const responses = Object.fromEntries(
    Object.entries(operation.answers).map(([status, answer]) => {
      const body = content(answer);
      return [status, { description: answer.description, ...(body ? { content: body } : {}) }];
    }),
  );
  const requestBody = operation.body
    ? { required: true, content: { 'application/json': { schema: jsonSchema(operation.body) } } }
    : operation.upload
      ? { required: true, content: Object.fromEntries(operation.upload.map((type) => [type, { schema: { type: 'string' } }])) }
      : undefined;
  const params = parameters(operation);
  return {
    summary: operation.summary,
    tags: [operation.tag],
    operationId: `${operation.method}${operation.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c?: string) => (c ?? '').toUpperCase())}`,
    ...(operation.access === 'public' ? { security: [] } : { security: [{ bearer: [] }] }),
    'x-lectern-access': operation.access,
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the HTTP API, built from the schemas the routes parse with (server/http/openapi/). */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) (paths[operation.path] ??= {})[operation.method] = describeOperation(operation);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lectern',
      version: VERSION,
      description:
        'Live now/next for conference halls. Commands need a bearer token scoped to a hall (chair) or to every hall (director); screens read without one. See docs/api.md.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'lct_d_… (director), lct_c_… (chair) or lct_m_… (moderator)' },
      },
    },
    paths,
  };
}

/** `GET /api/v1/openapi.json` and the config file's `GET /api/v1/config.schema.json`: public, built once per process. */
export function openApiRoutes(): Router {
  const router = Router();
  let document: Record<string, unknown> | undefined;
  router.get('/api/v1/openapi.json', (_req, res) => {
    document ??= openApiDocument();
    res.json(document);
  });
  let configSchema: Record<string, unknown> | undefined;
  router.get('/api/v1/config.schema.json', (_req, res) => {
    configSchema ??= configJsonSchema();
    res.json(configSchema);
  });
  return router;
}
