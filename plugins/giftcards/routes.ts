import {
  COMMON_ERRORS,
  callerWith,
  createRoute,
  dataOf,
  errorResponse,
  IDEMPOTENCY_CONFLICT,
  idempotency,
  idempotencyHeader,
  money,
  ok,
  type PluginApp,
  type PluginContext,
  requestContext,
  SECURITY,
  z,
} from 'regis/plugin';
import type {} from '../audit/service-types.js';
import { redeem } from './redeem.js';

export interface RedeemDeps {
  ctx: PluginContext;
  /** Counts one redeem attempt of a user; 429 past the bound. */
  checkAttempt: (userId: string) => Promise<void>;
}

const RedeemSchema = z
  .object({
    success: z.literal(true),
    message: z.string(),
    amountAdded: z.number().openapi({ example: 25 }),
    newBalance: z.number().openapi({ example: 40 }),
  })
  .openapi('GiftCardRedeemed');

const routeOf = (deps: RedeemDeps) =>
  createRoute({
    // A code moves money once anyway; with a key, a retry also gets the first answer back (SPEC §8).
    middleware: [idempotency({ db: deps.ctx.db, mode: 'claim' })],
    method: 'post',
    path: '/api/v1/giftcard/redeem',
    tags: ['Gift cards'],
    security: SECURITY,
    operationId: 'redeemGiftCard',
    summary: 'Redeem a gift card code into the balance',
    request: {
      headers: idempotencyHeader(false),
      body: {
        required: true,
        content: { 'application/json': { schema: z.strictObject({ code: z.string().min(1).max(64) }) } },
      },
    },
    responses: {
      200: { description: 'Redeemed', content: { 'application/json': { schema: dataOf(RedeemSchema) } } },
      400: errorResponse('Unknown, used or malformed code (INVALID_GIFT_CARD, VALIDATION_FAILED)'),
      409: IDEMPOTENCY_CONFLICT,
      ...COMMON_ERRORS,
    },
  });

export function mountRedeem(app: PluginApp, deps: RedeemDeps): void {
  app.openapi(routeOf(deps), async (c) => {
    const caller = callerWith(c, 'write');
    await deps.checkAttempt(caller.userId);
    const { code } = c.req.valid('json');
    const audit = deps.ctx.services.audit;
    const done = await redeem(
      deps.ctx.db,
      deps.ctx.services.credits!,
      caller.userId,
      code,
      async (tx, id) => {
        await audit?.record(requestContext(c, tx), {
          action: 'redeem',
          entity: 'giftcards',
          recordId: id,
          fields: ['redeemedBy', 'redeemedAt'],
        });
      },
    );
    return ok(c, {
      success: true,
      message: 'Gift card redeemed',
      amountAdded: money(done.amountMinor),
      newBalance: money(done.balanceMinor),
    });
  });
}
