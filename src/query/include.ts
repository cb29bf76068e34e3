import { AppError } from '../errors/app-error.js';
import type { BuiltEntity } from '../registry/model.js';
import type { RelationDef } from '../registry/types.js';

/** One relation to embed, with at most one nested level (`comments.author`). */
export interface IncludeSpec {
  name: string;
  relation: RelationDef;
  nested: IncludeSpec[];
}

export const HAS_MANY_CAP = 100;

export type EntityLookup = (name: string) => BuiltEntity | undefined;

const bad = (message: string) => AppError.of('VALIDATION_FAILED', { message, details: { include: message } });

function relationOf(model: BuiltEntity, name: string): RelationDef {
  const rel = Object.hasOwn(model.relations, name) ? model.relations[name] : undefined;
  if (!rel) throw bad(`Unknown relation "${name}" on ${model.name}`);
  return rel;
}

/** `include=assignee,comments.author` → specs, checked against the registry's relations. */
export function parseInclude(
  model: BuiltEntity,
  raw: string | undefined,
  lookup?: EntityLookup,
): IncludeSpec[] {
  if (raw === undefined || raw === '') return [];
  const paths = raw.split(',').map((p) => p.trim());
  if (paths.length > 10) throw bad('Include at most 10 relations');
  const specs = new Map<string, IncludeSpec>();
  for (const path of paths) {
    const [head = '', child, ...rest] = path.split('.');
    if (rest.length > 0) throw bad(`Includes nest one level at most ("${path}")`);
    let spec = specs.get(head);
    if (!spec) {
      spec = { name: head, relation: relationOf(model, head), nested: [] };
      specs.set(head, spec);
    }
    if (child !== undefined) {
      const target = lookup?.(spec.relation.entity);
      if (!target) throw bad(`Unknown relation "${path}"`);
      if (!spec.nested.some((n) => n.name === child)) {
        spec.nested.push({ name: child, relation: relationOf(target, child), nested: [] });
      }
    }
  }
  return [...specs.values()];
}
