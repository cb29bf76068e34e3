import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '@hono/zod-openapi';
import type { ListParam } from '../../query/known-params.js';
import type { BuiltEntity } from '../../registry/model.js';
import type { Registry } from '../../registry/registry.js';
import { COMMON_ERRORS, dataOf, errorResponse, MessageSchema, PaginationSchema, SECURITY } from './common.js';

/** The documented LIST parameters: exactly the ones LIST accepts (a missing or extra key does not compile). */
const listParams = {
  page: z.string().optional().describe('Page number, from 1'),
  limit: z.string().optional().describe('Rows per page, 1–100 (default 20)'),
  sort: z.string().optional().describe('Field, or comma list with - for descending: -priority,createdAt'),
  order: z.enum(['asc', 'desc']).optional().describe('Direction for a single sort field'),
  filter: z.string().optional().describe('JSON filter: {"status":"todo","priority":{"$in":["high"]}}'),
  search: z.string().optional().describe('Full-text search (web-search syntax)'),
  fields: z.string().optional().describe('Comma list of fields to return (id always included)'),
  include: z.string().optional().describe('Comma list of relations, one nested level: comments.author'),
  startDate: z.string().optional().describe('createdAt ≥ this ISO 8601 date or date-time'),
  endDate: z.string().optional().describe('createdAt ≤ this ISO 8601 date or date-time'),
  cursor: z.string().optional().describe('pagination.nextCursor of the previous page'),
  count: z.enum(['exact', 'estimated', 'none']).optional().describe('How to count the total'),
} satisfies Record<ListParam, z.ZodType>;
const listQuery = z.object(listParams);

function registerEntity(api: OpenAPIRegistry, model: BuiltEntity, schemas: ReturnType<Registry['schemas']>) {
  const tag = model.label.plural;
  const base = `/api/v1/${model.name}`;
  const item = `${base}/{id}`;
  const idParam = z.object({
    id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: `${model.idPrefix}_abc123` }),
  });
  const record = { content: { 'application/json': { schema: dataOf(schemas.record) } } };
  const ops = model.operations;
  const common = { tags: [tag], security: SECURITY };
  // `{}` marks the credential optional: a public READ answers anonymous callers too.
  const reading = { tags: [tag], security: model.access.read === 'public' ? [...SECURITY, {}] : SECURITY };
  if (ops.has('list')) {
    api.registerPath({
      ...reading,
      method: 'get',
      path: base,
      operationId: `list_${model.name}`,
      summary: `List ${model.label.plural.toLowerCase()}`,
      request: { query: listQuery },
      responses: {
        200: {
          description: `A page of ${model.label.plural.toLowerCase()}`,
          content: {
            'application/json': {
              schema: z.object({
                success: z.literal(true),
                data: z.array(schemas.record),
                pagination: PaginationSchema,
              }),
            },
          },
        },
        400: errorResponse('Invalid query parameter (VALIDATION_FAILED, INVALID_FILTER, INVALID_SORT)'),
        ...COMMON_ERRORS,
      },
    });
  }
  if (ops.has('create')) {
    api.registerPath({
      ...common,
      method: 'post',
      path: base,
      operationId: `create_${model.name}`,
      summary: `Create a ${model.label.singular.toLowerCase()}`,
      request: {
        headers: z.object({ 'Idempotency-Key': z.string().max(255).optional() }),
        body: { required: true, content: { 'application/json': { schema: schemas.create } } },
      },
      responses: {
        201: { description: 'Created', ...record },
        400: errorResponse('Validation failed (VALIDATION_FAILED)'),
        409: errorResponse('Unique clash (CONFLICT) or idempotency conflict (IDEMPOTENCY_CONFLICT)'),
        413: errorResponse('Body too large (PAYLOAD_TOO_LARGE)'),
        422: errorResponse('Body is not a JSON object (VALIDATION_FAILED)'),
        ...COMMON_ERRORS,
      },
    });
  }
  api.registerPath({
    ...reading,
    method: 'options',
    path: base,
    operationId: `options_${model.name}`,
    summary: `${model.label.singular} metadata`,
    responses: { 200: { description: 'Schema, relations, permissions and rate limit' }, ...COMMON_ERRORS },
  });
  const notFound = { 404: errorResponse('No such record visible to you (NOT_FOUND)') };
  if (ops.has('read')) {
    api.registerPath({
      ...reading,
      method: 'get',
      path: item,
      operationId: `read_${model.name}`,
      summary: `Read a ${model.label.singular.toLowerCase()}`,
      request: { params: idParam, query: listQuery.pick({ include: true, fields: true }) },
      responses: {
        200: { description: 'The record (with an ETag)', ...record },
        ...notFound,
        ...COMMON_ERRORS,
      },
    });
  }
  const precondition = { 412: errorResponse('If-Match did not match (PRECONDITION_FAILED)') };
  const ifMatch = z.object({ 'If-Match': z.string().optional() });
  if (ops.has('update')) {
    api.registerPath({
      ...common,
      method: 'patch',
      path: item,
      operationId: `update_${model.name}`,
      summary: `Update a ${model.label.singular.toLowerCase()} (partial)`,
      request: {
        params: idParam,
        headers: ifMatch,
        body: { required: true, content: { 'application/json': { schema: schemas.update } } },
      },
      responses: {
        200: { description: 'The updated record', ...record },
        400: errorResponse('Validation failed (VALIDATION_FAILED)'),
        409: errorResponse('Unique clash (CONFLICT)'),
        ...notFound,
        ...precondition,
        ...COMMON_ERRORS,
      },
    });
  }
  if (ops.has('delete')) {
    api.registerPath({
      ...common,
      method: 'delete',
      path: item,
      operationId: `delete_${model.name}`,
      summary: `Delete a ${model.label.singular.toLowerCase()}`,
      request: { params: idParam, headers: ifMatch },
      responses: {
        200: { description: 'Deleted', content: { 'application/json': { schema: MessageSchema } } },
        ...notFound,
        ...precondition,
        ...COMMON_ERRORS,
      },
    });
  }
}

/** Documents every entity's routes from the same registry schemas the handlers validate with. */
export function registerEntityDocs(api: OpenAPIRegistry, registry: Registry): void {
  for (const model of registry.entities.values()) registerEntity(api, model, registry.schemas(model.name));
}
