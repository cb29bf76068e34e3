import { AppError } from '../errors/app-error.js';

export interface DateRange {
  /** Inclusive lower bound. */
  from: Date | undefined;
  /** Exclusive upper bound (the instant after the inclusive end). */
  before: Date | undefined;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DAY_MS = 86_400_000;

const bad = (param: string, message: string) =>
  AppError.of('VALIDATION_FAILED', { message: `${param}: ${message}`, details: { [param]: message } });

function validDay(text: string): Date | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const d = new Date(`${text}T00:00:00.000Z`);
  // Rejects 2025-02-30 and friends, which Date would roll over.
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text ? undefined : d;
}

/** One bound as [first instant, first instant after]; a bare date spans its whole UTC day. */
function parseBound(param: string, raw: string): [Date, Date] {
  if (raw.length > 40) throw bad(param, 'Must be an ISO 8601 date or datetime');
  const day = validDay(raw);
  if (day) return [day, new Date(day.getTime() + DAY_MS)];
  const m = DATETIME_RE.exec(raw);
  if (!m || !validDay(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59)
    throw bad(param, 'Must be an ISO 8601 date or datetime');
  // A datetime without an offset is UTC, as every timestamp Regis answers with.
  const d = new Date(m[6] ? raw : `${raw}Z`);
  if (Number.isNaN(d.getTime())) throw bad(param, 'Must be an ISO 8601 date or datetime');
  return [d, new Date(d.getTime() + 1)];
}

/** `startDate`/`endDate`: inclusive bounds on createdAt (millisecond timestamps). */
export function parseDateRange(start: string | undefined, end: string | undefined): DateRange {
  const from = start === undefined ? undefined : parseBound('startDate', start)[0];
  const before = end === undefined ? undefined : parseBound('endDate', end)[1];
  if (from && before && from.getTime() >= before.getTime())
    throw bad('startDate', 'startDate must not be after endDate');
  return { from, before };
}
