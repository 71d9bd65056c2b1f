import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Access, Principal } from './access.js';
import { badRequest, type FieldError } from './errors.js';

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRouteDef<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: HttpMethod;
  /** Fastify path syntax (`/api/v1/procedures/:code`). */
  url: string;
  access: Access;
  summary: string;
  tags: string[];
  query?: Q;
  params?: P;
  body?: B;
  response: R;
  /** Status of a successful answer (default 200). */
  status?: number;
  handler: (
    input: { query: z.output<Q>; params: z.output<P>; body: z.output<B>; principal: Principal | null; request: FastifyRequest },
    reply: FastifyReply,
  ) => Promise<z.input<R>>;
}

export interface RegisteredApiRoute {
  method: HttpMethod;
  url: string;
  access: Access;
  summary: string;
  tags: string[];
  status: number;
  query?: z.ZodType;
  params?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
}

function parseOrThrow<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): z.output<S> {
  if (!schema) return undefined as z.output<S>;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    param: issue.path.length ? issue.path.join('.') : where,
    message: issue.message,
  }));
  const detail = errors.map((e) => `${e.param} (${e.message})`).join('; ');
  throw badRequest('INVALID_PARAMETER', `Tham số không hợp lệ: ${detail}.`, errors);
}

/** A JSON route whose request is validated and whose OpenAPI description comes from the same zod schemas. */
export function apiRoute<Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined, R extends z.ZodType = z.ZodType>(
  app: FastifyInstance,
  def: ApiRouteDef<Q, P, B, R>,
): void {
  const registered: RegisteredApiRoute = { ...def, status: def.status ?? 200 };
  app.apiRoutes.push(registered);
  app.route({
    method: def.method,
    url: def.url,
    config: { access: def.access },
    handler: async (request, reply) => {
      const query = parseOrThrow(def.query, request.query, 'query');
      const params = parseOrThrow(def.params, request.params, 'params');
      const body = parseOrThrow(def.body, request.body, 'body');
      const result = await def.handler({ query, params, body, principal: request.principal, request }, reply);
      return reply.status(registered.status).send(result);
    },
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: RegisteredApiRoute[];
  }
}
