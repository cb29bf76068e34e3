import type { z } from 'zod';

/** At least one character that is not whitespace; its source also marks the rule in issue messages. */
export const NOT_BLANK = /\S/;

interface BlankRule {
  required?: boolean;
  /** Accept "" and whitespace-only values although the field is required. */
  allowBlank?: boolean;
}

/** A required string refuses "" and whitespace-only values unless the field opts out (SPEC §2). */
export const refusesBlank = (f: BlankRule): boolean => Boolean(f.required) && !f.allowBlank;

/**
 * Adds the rule first, so a blank value is reported as blank rather than as too short; `min(1)`
 * puts `minLength: 1` into the OpenAPI schema (the pattern alone says nothing to most clients).
 */
export function nonBlank<S extends z.ZodString>(s: S, f: BlankRule): S {
  return refusesBlank(f) ? (s.regex(NOT_BLANK).min(1) as S) : s;
}
