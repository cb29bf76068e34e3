import type { Context } from 'hono';
import { AppError } from '../errors/app-error.js';
import type { RecordData } from '../registry/types.js';

/** The JSON object a CREATE/UPDATE sends; anything else is 422 with details.body (SPEC §3). */
export async function readJsonObject(c: Context): Promise<RecordData> {
  const text = await c.req.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw AppError.of('VALIDATION_FAILED', {
      status: 422,
      message: 'Request body is not valid JSON',
      details: { body: text.trim() === '' ? 'A JSON object is required' : 'Malformed JSON' },
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw AppError.of('VALIDATION_FAILED', {
      status: 422,
      message: 'Request body must be a JSON object',
      details: { body: 'Must be a JSON object' },
    });
  }
  return parsed as RecordData;
}
