import { createRoute, NO_QUERY, type PluginApp, z } from 'regis/plugin';
import { escapeHtml, PAGE_HEADERS, page } from './html.js';

/** Where checkout sends the browser afterwards unless PAYMENTS_SUCCESS_URL / PAYMENTS_CANCEL_URL say otherwise. */
export const RETURN_PATHS = {
  success: '/api/v1/payment/checkout/success',
  cancelled: '/api/v1/payment/checkout/cancelled',
} as const;

const html = { 'text/html': { schema: z.string() } };
const common = { method: 'get' as const, tags: ['Payments'], security: [] };

/**
 * The default Continue and Cancel destinations, so a checkout started without an app of its own
 * (curl, the docs page) ends on a page that exists. They only say what happened: crediting is
 * verify-and-capture's or the webhook's job, never a page view's.
 */
export function mountReturnPages(app: PluginApp): void {
  app.openapi(
    createRoute({
      ...common,
      path: RETURN_PATHS.success,
      operationId: 'checkoutSuccessPage',
      summary: 'Default page after a completed checkout',
      request: { query: z.object({ session_id: z.string().max(255).optional() }) },
      responses: { 200: { description: 'HTML page', content: html } },
    }),
    (c) => {
      const id = c.req.valid('query').session_id;
      const body = `<h1>Payment received</h1><p>Your balance is credited once your app calls
<code>POST /api/v1/payment/verify-and-capture?session_id=${escapeHtml(id ?? '…')}</code>
(or when the payment webhook arrives).</p><p><a href="/api/docs">API reference</a></p>`;
      return c.html(page('Payment received', body), 200, PAGE_HEADERS);
    },
  );
  app.openapi(
    createRoute({
      ...common,
      path: RETURN_PATHS.cancelled,
      operationId: 'checkoutCancelledPage',
      summary: 'Default page after a cancelled checkout',
      request: { query: NO_QUERY },
      responses: { 200: { description: 'HTML page', content: html } },
    }),
    (c) => {
      const body =
        '<h1>Checkout cancelled</h1><p>Nothing was charged.</p><p><a href="/api/docs">API reference</a></p>';
      return c.html(page('Checkout cancelled', body), 200, PAGE_HEADERS);
    },
  );
}
