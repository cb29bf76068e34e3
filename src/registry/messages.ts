import type { z } from 'zod';
import { NOT_BLANK } from './field-types/blank.js';
import type { FieldModel } from './model.js';

type Issue = z.core.$ZodIssue;

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
};

function bound(iss: Extract<Issue, { code: 'too_big' | 'too_small' }>, word: 'most' | 'least'): string {
  const n = 'maximum' in iss ? iss.maximum : iss.minimum;
  if (iss.origin === 'string') return `Must be at ${word} ${n} characters`;
  if (iss.origin === 'array') return `Must have at ${word} ${n} items`;
  return `Must be at ${word} ${n}`;
}

const FORMAT_WORDS: Record<string, string> = {
  email: 'Must be a valid email address',
  url: 'Must be a valid URL',
  uuid: 'Must be a UUID',
  date: 'Must be a date (YYYY-MM-DD)',
  datetime: 'Must be an ISO 8601 date-time with a time zone (2025-01-15T10:30:00Z)',
};

/** One zod issue → the human message clients see in `details` (seed: "Must be one of: …"). */
export function issueMessage(field: FieldModel, iss: Issue): string {
  switch (iss.code) {
    case 'invalid_type':
      return `Must be ${TYPE_WORDS[iss.expected] ?? iss.expected}`;
    case 'too_big':
      return bound(iss, 'most');
    case 'too_small':
      return bound(iss, 'least');
    case 'invalid_value':
      return `Must be one of: ${iss.values.join(', ')}`;
    case 'invalid_format':
      if (iss.format === 'regex' && 'pattern' in iss) {
        if (String(iss.pattern) === String(NOT_BLANK)) return 'Must not be blank';
        return `Must match the pattern ${String(iss.pattern)}`;
      }
      return FORMAT_WORDS[iss.format] ?? `Must be a valid ${iss.format}`;
    case 'invalid_union':
      return field.def.type === 'decimal' ? 'Must be a decimal number' : 'Invalid value';
    default:
      return iss.message;
  }
}
