import { z } from 'zod';
import type { RegisteredApiRoute } from './api-route.js';
import { titleFor } from './errors.js';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable machine-readable error code' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { param: { type: 'string' }, message: { type: 'string' } } } },
  },
  required: ['type', 'title', 'status', 'code'],
};

export function buildOpenApiDocument(routes: RegisteredApiRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const problem = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    const errorResponses: Record<string, JsonSchema> = { '400': { description: titleFor(400), ...problem } };
    if (route.access !== 'public') {
      errorResponses['401'] = { description: titleFor(401), ...problem };
      errorResponses['403'] = { description: titleFor(403), ...problem };
    }
    if (route.params) errorResponses['404'] = { description: titleFor(404), ...problem };
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      tags: route.tags,
      'x-access': route.access,
      ...(route.access === 'public' ? { security: [] } : {}),
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } } } : {}),
      responses: {
        [String(route.status)]: { description: 'OK', content: { 'application/json': { schema: toSchema(route.response, 'output') } } },
        ...errorResponses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Xã Số API', version, description: 'API của nền tảng Xã Số (one-stop public services of a Vietnamese commune).' },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token from `xaso token create`' }, session: { type: 'apiKey', in: 'cookie', name: 'xaso_sid' } },
    },
    security: [{ bearer: [] }, { session: [] }],
  };
}
