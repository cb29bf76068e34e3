import { defineErrors } from 'regis/plugin';

/** Codes this plugin adds to the catalogue (SPEC §5: plugins may add codes; each is documented). */
export const PAYMENT_ERRORS = defineErrors({
  INVALID_SIGNATURE: { status: 400, message: 'Webhook signature verification failed' },
  PAYMENT_PROVIDER_ERROR: { status: 502, message: 'The payment provider did not answer as expected' },
});
