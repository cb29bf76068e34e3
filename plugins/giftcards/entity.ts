import { defineEntity, f } from 'regis';
import { CODE_PATTERN, newGiftCode, normaliseCode } from './code.js';

/** Admin-only: only admins list, read, create, update or delete gift cards. */
export const giftcardsEntity = defineEntity({
  name: 'giftcards',
  idPrefix: 'gft',
  label: { singular: 'Gift card', plural: 'Gift cards' },
  owned: false,
  managed: false,
  access: { read: 'admin', create: 'admin', update: 'admin', delete: 'admin' },
  fields: {
    code: f.string({
      unique: true,
      pattern: CODE_PATTERN,
      description: 'GIFT-XXXX-XXXX; generated when omitted',
    }),
    amount: f.decimal(10, 2, { required: true, min: 0.01, max: 100000 }),
    redeemedBy: f.ref('users', { readOnly: true, onDelete: 'set null' }),
    redeemedAt: f.datetime({ readOnly: true }),
  },
  hooks: {
    beforeCreate: (_ctx, data) => ({
      ...data,
      code: typeof data['code'] === 'string' ? normaliseCode(data['code']) : newGiftCode(),
    }),
  },
});
