import { createHmac } from 'node:crypto';

/** The LIST cursor signing key: its own HMAC sub-key of the auth secret, never the secret itself. */
export const cursorKeyFrom = (authSecret: string): Buffer =>
  createHmac('sha256', authSecret).update('regis:list-cursor:v1').digest();
