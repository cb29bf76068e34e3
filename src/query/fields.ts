import { AppError } from '../errors/app-error.js';
import type { BuiltEntity } from '../registry/model.js';
import { visibleField } from './columns.js';

const bad = (message: string) => AppError.of('VALIDATION_FAILED', { message, details: { fields: message } });

/** `fields=title,status` → the fields a row carries besides `id`; unknown or hidden is a 400. */
export function parseFields(model: BuiltEntity, raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw.split(',').map((s) => s.trim());
  if (names.length > model.fields.length) throw bad('Too many fields');
  const out = new Set<string>(['id']);
  for (const name of names) {
    if (name === '') throw bad('Empty field name');
    if (!visibleField(model, name)) throw bad(`Unknown field "${name.slice(0, 64)}"`);
    out.add(name);
  }
  return [...out];
}

/** Keeps `id`, the chosen fields and the embedded relations of a serialised row. */
export function projectRow(
  row: Record<string, unknown>,
  fields: readonly string[] | undefined,
  includes: readonly string[],
): Record<string, unknown> {
  if (!fields) return row;
  const out: Record<string, unknown> = {};
  for (const key of [...fields, ...includes]) if (Object.hasOwn(row, key)) out[key] = row[key];
  return out;
}
