import { defineErrorCodes } from '../../src/errors/codes.js';

export const CREDITS_ERRORS = defineErrorCodes({
  INSUFFICIENT_CREDITS: { status: 402, message: 'Insufficient credits' },
});
