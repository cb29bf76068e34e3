import type { BuiltEntity } from '../registry/model.js';
import type { RecordData } from '../registry/types.js';

/** A database row → the JSON a client sees (decimals keep their scale, datetimes are ISO UTC). */
export function toWire(model: BuiltEntity, row: RecordData): RecordData {
  const out: RecordData = {};
  for (const key in row) {
    const fm = model.fieldMap.get(key);
    const value = row[key];
    out[key] =
      fm?.type.toJson && value !== null && value !== undefined ? fm.type.toJson(value, fm.def) : value;
  }
  return out;
}
