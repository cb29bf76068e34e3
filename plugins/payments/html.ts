/** Text for HTML: every character that could open markup or end an attribute is an entity. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A small self-contained page (no scripts, no remote assets). */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto">${body}</body></html>`;
}

/**
 * Headers for the checkout pages: their URL is a capability (whoever has it may pay), so it must
 * not leak through Referer when the visitor follows Continue to another site, nor sit in a cache;
 * the page runs no script and posts its form only to itself.
 */
export const PAGE_HEADERS = {
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
};
