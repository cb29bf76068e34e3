import { defineErrorCodes } from '../../src/errors/codes.js';

export const GIFTCARD_ERRORS = defineErrorCodes({
  // One answer for unknown, used and someone-else's codes: it must not reveal which.
  INVALID_GIFT_CARD: { status: 400, message: 'Invalid or already redeemed gift card code' },
});
