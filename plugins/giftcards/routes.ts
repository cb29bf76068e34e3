import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../src/errors/app-error.js';
import { ok } from '../../src/http/envelope.js';
import { idempotency } from '../../src/http/middleware/idempotency.js';
import {
  COMMON_ERRORS,
  dataOf,
  errorResponse,
  IDEMPOTENCY_CONFLICT,
  idempotencyHeader,
  SECURITY,
} from '../../src/http/openapi/common.js';
import type { AppEnv } from '../../src/http/types.js';
import type { PluginContext } from '../../src/plugins/context.js';
import { callerWith, requestContext } from '../../src/plugins/context.js';
import type { LimiterStore } from '../../src/ratelimit/index.js';
import type {} from '../audit/service-types.js';
import { money } from '../credits/routes.js';
import { redeem } from './redeem.js';

export interface RedeemDeps {
  ctx: PluginContext;
  limiter: LimiterStore;
  limit: number;
  windowMs: number;
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

/** Every attempt counts, right or wrong, so codes cannot be guessed at speed. */
async function checkAttempts(deps: RedeemDeps, userId: string) {
  const hit = await deps.limiter.hit(`giftcard-redeem:${userId}`, deps.windowMs);
  if (hit.count <= deps.limit) return;
  const retry = Math.max(1, Math.ceil((hit.resetAt - Date.now()) / 1000));
  throw AppError.of('RATE_LIMIT_EXCEEDED', {
    message: 'Too many gift card attempts; try again later',
    headers: { 'Retry-After': String(retry) },
  });
}

export function mountRedeem(app: OpenAPIHono<AppEnv>, deps: RedeemDeps): void {
  app.openapi(routeOf(deps), async (c) => {
    const caller = callerWith(c, 'write');
    await checkAttempts(deps, caller.userId);
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
    }) as never;
  });
}
