import { coreErrors, createRoute, dataOf, errorResponse, ok, type PluginApp, z } from 'regis/plugin';
import type { PaymentsDeps } from './deps.js';
import { PAYMENT_ERRORS } from './errors.js';
import { WebhookSignatureError } from './provider.js';
import { handleWebhookEvent } from './webhook.js';

const ReceivedSchema = z
  .object({
    received: z.literal(true),
    duplicate: z.boolean().openapi({ description: 'This event id was handled before; nothing was done' }),
  })
  .openapi('WebhookReceipt');

/**
 * POST /api/v1/payment/webhook: public (Stripe has no Regis credential), authenticated by the
 * `Stripe-Signature` HMAC over the raw body. The body is read as text and never re-serialised, since
 * the signature covers the exact bytes; hence no JSON body schema on the route.
 */
export function mountWebhookRoute(app: PluginApp, deps: PaymentsDeps): void {
  const route = createRoute({
    method: 'post',
    path: '/api/v1/payment/webhook',
    tags: ['Payments'],
    operationId: 'paymentWebhook',
    summary: 'Stripe webhook (signed; checkout.session.completed credits the session once)',
    request: { headers: z.object({ 'stripe-signature': z.string().optional() }) },
    responses: {
      200: { description: 'Accepted', content: { 'application/json': { schema: dataOf(ReceivedSchema) } } },
      400: errorResponse('Bad or missing signature, or a timestamp outside 300 s (INVALID_SIGNATURE)'),
      503: errorResponse('No webhook signing secret is configured (SERVICE_UNAVAILABLE)'),
    },
  });
  app.openapi(route, async (c) => {
    if (!deps.provider.webhookConfigured) {
      throw coreErrors.SERVICE_UNAVAILABLE({ message: 'Payment webhooks are not configured' });
    }
    const raw = await c.req.text();
    let event: ReturnType<typeof deps.provider.parseWebhook>;
    try {
      event = deps.provider.parseWebhook(raw, c.req.header('stripe-signature'));
    } catch (err) {
      if (!(err instanceof WebhookSignatureError)) throw err;
      throw PAYMENT_ERRORS.INVALID_SIGNATURE({ details: { 'Stripe-Signature': err.message } });
    }
    const result = await handleWebhookEvent({ ...deps, provider: deps.provider.name }, event);
    c.get('logger')?.info({ eventId: event.id, type: event.type, ...result }, 'payment webhook');
    return ok(c, { received: true, duplicate: result.duplicate });
  });
}
