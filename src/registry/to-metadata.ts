import type { FieldMeta } from './field-types/index.js';
import type { EntityModel } from './model.js';
import type { Operation, RateLimitDef } from './types.js';

const WIRE_TYPES: Record<string, string> = { text: 'string', ref: 'string', 'string[]': 'array' };

export interface EntityPermissions {
  read: boolean;
  write: boolean;
  delete: boolean;
}

/** The HTTP methods an entity serves, from its operations. */
export function methodsOf(ops: ReadonlySet<Operation>): string[] {
  const m: string[] = [];
  if (ops.has('list') || ops.has('read')) m.push('GET');
  if (ops.has('create')) m.push('POST');
  if (ops.has('update')) m.push('PATCH');
  if (ops.has('delete')) m.push('DELETE');
  m.push('OPTIONS');
  return m;
}

function prune(meta: FieldMeta): FieldMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as unknown as FieldMeta;
}

/** The OPTIONS body (SPEC §3, seed shape); permissions and rate limit are the caller's. */
export function toMetadata(model: EntityModel, permissions: EntityPermissions, rateLimit: RateLimitDef) {
  const schema: Record<string, FieldMeta> = {};
  for (const fm of model.fields) {
    schema[fm.name] = prune({
      type: WIRE_TYPES[fm.def.type] ?? fm.def.type,
      required: fm.requiredOnCreate,
      ...fm.type.meta(fm.def),
      default: fm.def.default,
      generated: fm.generated || undefined,
      readOnly: (!fm.generated && !fm.writable) || undefined,
      unique: fm.def.unique || undefined,
      ...(fm.hidden ? { hidden: true } : {}),
    });
  }
  const relations = Object.fromEntries(
    Object.entries(model.relations).map(([k, r]) => [
      k,
      { type: r.type, entity: r.entity, foreignKey: r.foreignKey },
    ]),
  );
  return {
    entity: model.name,
    label: model.label,
    methods: methodsOf(model.operations),
    schema,
    relations,
    search: model.search,
    permissions,
    rateLimit: { limit: rateLimit.limit, window: rateLimit.window },
  };
}
