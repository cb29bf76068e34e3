import { coreErrors, createRoute, errorResponse, type PluginApp, z } from 'regis/plugin';
import { escapeHtml, PAGE_HEADERS, page } from './html.js';
import { LOCAL_CHECKOUT_PATH, type LocalTestProvider } from './local-provider.js';

const params = z.object({
  sessionId: z
    .string()
    .regex(/^cs_local_[A-Za-z0-9]+$/)
    .openapi({ description: 'The unguessable session id from create-checkout-session' }),
});
const html = { 'text/html': { schema: z.string() } };

async function sessionOf(provider: LocalTestProvider, id: string) {
  const row = await provider.find(id);
  if (!row) throw coreErrors.NOT_FOUND({ message: 'Checkout session not found' });
  return row;
}

function checkoutBody(row: NonNullable<Awaited<ReturnType<LocalTestProvider['find']>>>): string {
  const amount = escapeHtml(`${(row.amountMinor / 100).toFixed(2)} ${row.currency.toUpperCase()}`);
  if (row.paidAt) {
    return `<h1>Already paid</h1><p>${amount}</p><p><a href="${escapeHtml(row.successUrl)}">Continue</a></p>`;
  }
  return `<h1>Test checkout</h1><p>Add <strong>${amount}</strong> to your balance.</p>
<form method="post"><button type="submit">Pay ${amount}</button></form>
<p><a href="${escapeHtml(row.cancelUrl)}">Cancel</a></p><p><small>Local test provider: no real money moves.</small></p>`;
}

/**
 * The local test provider's checkout page (only when Stripe is not configured). Like Stripe's, its
 * URL is a capability: the session id is unguessable, so whoever opens it — in any browser, with no
 * cookie or key — may see the amount and pay. GET shows the page, POST (the button) marks the
 * session paid; crediting stays with verify-and-capture or the webhook, exactly as with Stripe.
 */
export function mountLocalCheckout(app: PluginApp, provider: LocalTestProvider): void {
  const base = { tags: ['Payments'], security: [], request: { params } };
  const errors = { 404: errorResponse('No such session (NOT_FOUND)') };
  const path = `${LOCAL_CHECKOUT_PATH}/{sessionId}`;
  app.openapi(
    createRoute({
      ...base,
      method: 'get',
      path,
      operationId: 'localCheckoutPage',
      summary: 'Local test provider: the checkout page (development only)',
      description: 'A capability URL: no credential needed; the session id is the secret.',
      responses: { 200: { description: 'HTML page', content: html }, ...errors },
    }),
    async (c) => {
      const row = await sessionOf(provider, c.req.valid('param').sessionId);
      return c.html(page('Checkout', checkoutBody(row)), 200, PAGE_HEADERS);
    },
  );
  app.openapi(
    createRoute({
      ...base,
      method: 'post',
      path,
      operationId: 'localCheckoutPay',
      summary: 'Local test provider: pay the session (marks it paid; credit with verify-and-capture)',
      description: 'What the page’s Pay button posts; no credential needed.',
      responses: { 200: { description: 'HTML page', content: html }, ...errors },
    }),
    async (c) => {
      const row = await sessionOf(provider, c.req.valid('param').sessionId);
      await provider.markPaid(row.id);
      const body = `<h1>Payment complete</h1><p><a href="${escapeHtml(row.successUrl)}">Continue</a></p>`;
      return c.html(page('Paid', body), 200, PAGE_HEADERS);
    },
  );
}
