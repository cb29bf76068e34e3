import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../../src/errors/app-error.js';
import { COMMON_ERRORS, errorResponse, SECURITY } from '../../src/http/openapi/common.js';
import type { AppEnv } from '../../src/http/types.js';
import { callerWith } from '../../src/plugins/context.js';
import { LOCAL_CHECKOUT_PATH, type LocalTestProvider } from './local-provider.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto">${body}</body></html>`;
}

const params = z.object({ sessionId: z.string().regex(/^cs_local_[A-Za-z0-9]+$/) });
const html = { 'text/html': { schema: z.string() } };

/** The caller's own local session, or 404 (another user's session does not exist for them). */
async function ownSession(c: Context<AppEnv>, provider: LocalTestProvider, id: string) {
  const caller = callerWith(c, 'write');
  const row = await provider.find(id);
  if (!row || row.userId !== caller.userId) {
    throw AppError.of('NOT_FOUND', { message: 'Checkout session not found' });
  }
  return row;
}

/**
 * The local test provider's checkout page (only when Stripe is not configured): GET shows the
 * amount and a Pay button, POST (the button) marks the session paid. Crediting stays with
 * verify-and-capture or the webhook, exactly as with Stripe.
 */
export function mountLocalCheckout(app: OpenAPIHono<AppEnv>, provider: LocalTestProvider): void {
  const base = { tags: ['Payments'], security: SECURITY, request: { params } };
  const errors = { 404: errorResponse('No such session of yours (NOT_FOUND)'), ...COMMON_ERRORS };
  const path = `${LOCAL_CHECKOUT_PATH}/{sessionId}`;
  app.openapi(
    createRoute({
      ...base,
      method: 'get',
      path,
      operationId: 'localCheckoutPage',
      summary: 'Local test provider: the checkout page (development only)',
      responses: { 200: { description: 'HTML page', content: html }, ...errors },
    }),
    async (c) => {
      const row = await ownSession(c, provider, c.req.valid('param').sessionId);
      const amount = `${(row.amountMinor / 100).toFixed(2)} ${row.currency.toUpperCase()}`;
      const body = row.paidAt
        ? `<h1>Already paid</h1><p>${escapeHtml(amount)}</p><p><a href="${escapeHtml(row.successUrl)}">Continue</a></p>`
        : `<h1>Test checkout</h1><p>Add <strong>${escapeHtml(amount)}</strong> to your balance.</p>
<form method="post"><button type="submit">Pay ${escapeHtml(amount)}</button></form>
<p><a href="${escapeHtml(row.cancelUrl)}">Cancel</a></p><p><small>Local test provider: no real money moves.</small></p>`;
      return c.html(page('Checkout', body)) as never;
    },
  );
  app.openapi(
    createRoute({
      ...base,
      method: 'post',
      path,
      operationId: 'localCheckoutPay',
      summary: 'Local test provider: pay the session (marks it paid; credit with verify-and-capture)',
      responses: { 200: { description: 'HTML page', content: html }, ...errors },
    }),
    async (c) => {
      const row = await ownSession(c, provider, c.req.valid('param').sessionId);
      await provider.markPaid(row.id);
      const body = `<h1>Payment complete</h1><p><a href="${escapeHtml(row.successUrl)}">Continue</a></p>`;
      return c.html(page('Paid', body)) as never;
    },
  );
}
