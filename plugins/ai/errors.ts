import { defineErrors } from 'regis/plugin';

/** Codes this plugin adds (INSUFFICIENT_CREDITS 402 and SERVICE_UNAVAILABLE 503 are core codes). */
export const AI_ERRORS = defineErrors({
  AI_PROVIDER_ERROR: { status: 502, message: 'The model provider failed; nothing was charged' },
});
