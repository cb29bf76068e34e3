import { defineErrors } from 'regis/plugin';

export const GIFTCARD_ERRORS = defineErrors({
  // One answer for unknown, used and someone-else's codes: it must not reveal which.
  INVALID_GIFT_CARD: { status: 400, message: 'Invalid or already redeemed gift card code' },
});
