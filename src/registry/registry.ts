import type { BuiltEntity } from './model.js';
import { RegistryError, resolveEntity } from './resolve.js';
import { type EntitySchemas, toSchemas } from './to-schemas.js';
import { buildTables } from './to-table.js';
import type { EntityHooks, EntityInput, HookName } from './types.js';

/** Hooks a plugin contributes: for one entity, or '*' for every entity. */
export interface HookContribution {
  entity: string;
  hooks: Partial<EntityHooks>;
}

export interface RegistryOptions {
  /** URL segments under /api/v1 that belong to system or plugin routes. */
  reservedNames?: Iterable<string>;
  hooks?: readonly HookContribution[];
}

export interface Registry {
  readonly entities: ReadonlyMap<string, BuiltEntity>;
  get(name: string): BuiltEntity | undefined;
  schemas(name: string): EntitySchemas;
  /** Managed tables and enums, for drizzle-kit. */
  readonly kitSchema: Record<string, unknown>;
}

function checkReferences(entities: ReadonlyMap<string, BuiltEntity>) {
  for (const e of entities.values()) {
    for (const fm of e.fields) {
      if (fm.def.type === 'ref' && !entities.has(fm.def.entity)) {
        throw new RegistryError(`${e.name}.${fm.name}: references unknown entity "${fm.def.entity}"`);
      }
    }
    for (const [rel, def] of Object.entries(e.relations)) {
      const target = entities.get(def.entity);
      if (!target) throw new RegistryError(`${e.name}.${rel}: relation to unknown entity "${def.entity}"`);
      if (def.type === 'hasMany') {
        const fk = target.fieldMap.get(def.foreignKey);
        if (fk?.def.type !== 'ref' || fk.def.entity !== e.name) {
          throw new RegistryError(
            `${e.name}.${rel}: ${def.entity}.${def.foreignKey} must be a ref to ${e.name}`,
          );
        }
      }
    }
  }
}

function attachHooks(
  entities: ReadonlyMap<string, BuiltEntity>,
  inputs: readonly EntityInput[],
  extra: readonly HookContribution[],
) {
  const all: HookContribution[] = [
    ...inputs.map((i) => ({ entity: i.name, hooks: i.hooks ?? {} })),
    ...extra,
  ];
  for (const { entity, hooks } of all) {
    const targets = entity === '*' ? [...entities.values()] : [entities.get(entity)];
    if (targets[0] === undefined) throw new RegistryError(`hooks for unknown entity "${entity}"`);
    for (const target of targets) {
      for (const [name, fn] of Object.entries(hooks) as [HookName, never][]) {
        if (fn) (target!.hooks[name] as unknown[]).push(fn);
      }
    }
  }
}

/** Declarations → the registry: resolved, checked, with tables, schemas and hooks attached. */
export function buildRegistry(inputs: readonly EntityInput[], options: RegistryOptions = {}): Registry {
  const reserved = new Set(options.reservedNames ?? []);
  const seen = new Map<string, string>();
  const models = inputs.map((input) => {
    const model = resolveEntity(input);
    if (reserved.has(model.name))
      throw new RegistryError(`entity "${model.name}": the route is taken by the system`);
    if (seen.has(model.name)) throw new RegistryError(`entity "${model.name}" is declared twice`);
    const prefixOwner = [...seen.entries()].find(([, p]) => p === model.idPrefix);
    if (prefixOwner)
      throw new RegistryError(`${model.name}: idPrefix "${model.idPrefix}" is used by ${prefixOwner[0]}`);
    seen.set(model.name, model.idPrefix);
    return model;
  });
  const { entities: built, kitSchema } = buildTables(models);
  const entities = new Map(built.map((e) => [e.name, e]));
  checkReferences(entities);
  attachHooks(entities, inputs, options.hooks ?? []);
  const schemaCache = new Map<string, EntitySchemas>();
  return {
    entities,
    kitSchema,
    get: (name) => entities.get(name),
    schemas(name) {
      let s = schemaCache.get(name);
      if (!s) {
        s = toSchemas(entities.get(name)!);
        schemaCache.set(name, s);
      }
      return s;
    },
  };
}
