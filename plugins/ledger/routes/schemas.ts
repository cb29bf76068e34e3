import { z } from 'regis/plugin';
import { currencySchema } from '../currencies.js';

export const WalletBalanceSchema = z
  .object({
    currency: z.string().openapi({ example: 'usd' }),
    balance: z.number().openapi({ example: 15, description: 'Major units, with the currency’s scale' }),
  })
  .openapi('WalletBalance');

export const WalletSchema = z.object({ balances: z.array(WalletBalanceSchema) }).openapi('Wallet');

export const WalletEntrySchema = z
  .object({
    id: z.string().openapi({ example: 'led_4fZk0pQ2mN8rT1vX' }),
    transferId: z.string(),
    reference: z.string(),
    reason: z.string().openapi({ example: 'payment' }),
    account: z.string().openapi({ example: 'wallet', description: 'The purpose of the account moved' }),
    currency: z.string().openapi({ example: 'usd' }),
    amount: z.number().openapi({ example: 10, description: 'Signed, major units: + in, − out' }),
    balanceAfter: z.number().openapi({ example: 25 }),
    createdAt: z.string().openapi({ example: '2025-01-15T10:30:00.000Z' }),
  })
  .openapi('WalletEntry');

export const CursorPaginationSchema = z
  .object({ limit: z.number().int(), hasNext: z.boolean(), nextCursor: z.string().nullable() })
  .openapi('CursorPagination');

export const HistoryQuerySchema = z.object({
  currency: currencySchema.optional(),
  purpose: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'Must be an account purpose such as wallet')
    .optional()
    .openapi({ description: 'Only entries of accounts with this purpose (wallet, card, …)' }),
  limit: z.coerce.number().int('Must be an integer').min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const DepositBodySchema = z
  .object({
    amount: z.number().positive('Must be greater than 0').openapi({ example: 200 }),
    currency: currencySchema,
  })
  .strict()
  .openapi('TestDepositRequest');

export const DepositSchema = z
  .object({
    transferId: z.string(),
    amount: z.number().openapi({ example: 200 }),
    currency: z.string().openapi({ example: 'eur' }),
    balance: z.number().openapi({ example: 200, description: 'The wallet balance in that currency' }),
  })
  .openapi('TestDeposit');
