import { and, eq } from 'drizzle-orm';
import {
  COMMON_ERRORS,
  callerWith,
  coreErrors,
  createRoute,
  dataOf,
  errorResponse,
  IDEMPOTENCY_CONFLICT,
  idempotency,
  idempotencyHeader,
  money,
  ok,
  type PluginApp,
  SECURITY,
  z,
} from 'regis/plugin';
import { amountSchema, toMinorUnits } from './amount.js';
import { creditSession } from './capture.js';
import type { PaymentsDeps } from './deps.js';
import { PAYMENT_ERRORS } from './errors.js';
import { checkoutSessions } from './schema.js';

const CheckoutSchema = z.object({ sessionId: z.string(), checkoutUrl: z.url() }).openapi('CheckoutSession');

const CaptureSchema = z
  .object({
    sessionId: z.string(),
    status: z.enum(['paid', 'unpaid']),
    amount: z.number().openapi({ example: 10 }),
    credited: z.boolean().openapi({ description: "The session's amount is in the balance" }),
    alreadyCredited: z.boolean().openapi({ description: 'An earlier call or webhook credited it' }),
    newBalance: z.number().openapi({ example: 15 }),
  })
  .openapi('PaymentCapture');

const ERRORS = {
  400: errorResponse('Invalid amount (VALIDATION_FAILED)'),
  502: errorResponse('The payment provider failed (PAYMENT_PROVIDER_ERROR)'),
  ...COMMON_ERRORS,
};

async function callProvider<T>(deps: PaymentsDeps, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    deps.logger.error({ err, provider: deps.provider.name }, `payment provider: ${what} failed`);
    throw PAYMENT_ERRORS.PAYMENT_PROVIDER_ERROR({ cause: err });
  }
}

function mountCreate(app: PluginApp, deps: PaymentsDeps): void {
  const route = createRoute({
    // With a key, a retried request gets the first session back instead of opening a second one;
    // claim mode holds no transaction across the provider call.
    middleware: [idempotency({ db: deps.db, mode: 'claim' })],
    method: 'post',
    path: '/api/v1/payment/create-checkout-session',
    tags: ['Payments'],
    security: SECURITY,
    operationId: 'createCheckoutSession',
    summary: 'Open a checkout session to add funds',
    request: {
      headers: idempotencyHeader(false),
      body: {
        required: true,
        content: {
          'application/json': { schema: z.object({ amount: amountSchema(deps.config.PAYMENTS_MAX_AMOUNT) }) },
        },
      },
    },
    responses: {
      201: {
        description: 'Session opened',
        content: { 'application/json': { schema: dataOf(CheckoutSchema) } },
      },
      409: IDEMPOTENCY_CONFLICT,
      ...ERRORS,
    },
  });
  app.openapi(route, async (c) => {
    const caller = callerWith(c, 'write');
    const amountMinor = toMinorUnits(c.req.valid('json').amount)!;
    const currency = deps.config.PAYMENTS_CURRENCY;
    const session = await callProvider(deps, 'create', () =>
      deps.provider.createCheckoutSession({ amountMinor, currency, userId: caller.userId, ...deps.urls }),
    );
    await deps.db.insert(checkoutSessions).values({
      id: session.sessionId,
      userId: caller.userId,
      provider: deps.provider.name,
      amountMinor,
      currency,
    });
    return ok(c, session, { status: 201 });
  });
}

function mountVerify(app: PluginApp, deps: PaymentsDeps): void {
  const route = createRoute({
    method: 'post',
    path: '/api/v1/payment/verify-and-capture',
    tags: ['Payments'],
    security: SECURITY,
    operationId: 'verifyAndCapture',
    summary: "Credit a paid session's amount (exactly once, however often it is called)",
    request: {
      query: z.object({
        session_id: z
          .string()
          .min(1)
          .max(255)
          .regex(/^[A-Za-z0-9_]+$/),
      }),
    },
    responses: {
      200: {
        description: 'Session state',
        content: { 'application/json': { schema: dataOf(CaptureSchema) } },
      },
      404: errorResponse('No such session of yours (NOT_FOUND)'),
      409: errorResponse('The paid amount does not match the session (CONFLICT)'),
      ...ERRORS,
    },
  });
  app.openapi(route, async (c) => {
    const caller = callerWith(c, 'write');
    const id = c.req.valid('query').session_id;
    const own = and(eq(checkoutSessions.id, id), eq(checkoutSessions.userId, caller.userId));
    const [row] = await deps.db.select().from(checkoutSessions).where(own).limit(1);
    if (!row) throw coreErrors.NOT_FOUND({ message: 'Checkout session not found' });
    const answer = async (status: 'paid' | 'unpaid', credited: boolean, alreadyCredited: boolean) =>
      ok(c, {
        sessionId: id,
        status,
        amount: money(row.amountMinor),
        credited,
        alreadyCredited,
        newBalance: money(await deps.ledger.balance(caller.userId)),
      });
    if (row.creditedAt) return answer('paid', true, true);
    const state = await callProvider(deps, 'retrieve', () => deps.provider.retrieveSession(id));
    if (!state) throw coreErrors.NOT_FOUND({ message: 'Checkout session not found' });
    const outcome = await deps.db.transaction((tx) => creditSession(tx, deps.ledger, state));
    if (outcome.kind === 'mismatch') {
      throw coreErrors.CONFLICT({ message: 'The payment does not match the checkout session' });
    }
    if (outcome.kind === 'unpaid') return answer('unpaid', false, false);
    return answer('paid', true, outcome.kind === 'already-credited');
  });
}

/** create-checkout-session and verify-and-capture (SPEC §9 payments). */
export function mountCheckoutRoutes(app: PluginApp, deps: PaymentsDeps): void {
  mountCreate(app, deps);
  mountVerify(app, deps);
}
