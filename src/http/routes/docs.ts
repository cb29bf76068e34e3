import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import { VERSION } from '../../version.js';
import type { AppEnv } from '../types.js';

const SCALAR_BUNDLE = '/api/docs/scalar.js';

/** Scalar's browser bundle, served by Regis itself so /api/docs works offline. */
function scalarBundle(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('@scalar/api-reference/browser/standalone.js'), 'utf8');
}

/** GET /api/v1/openapi.json (OpenAPI 3.1, built once from the registry) and GET /api/docs (Scalar). */
export function mountDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'API key: Authorization: Bearer sk_live_…',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: 'better-auth.session_token',
  });
  let doc: string | undefined;
  app.get('/api/v1/openapi.json', (c) => {
    doc ??= JSON.stringify(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: { title: 'Regis API', version: VERSION, description: 'Generated from the entity registry.' },
        servers: [{ url: '/' }],
      }),
    );
    return c.body(doc, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });
  let bundle: string | undefined;
  app.get(SCALAR_BUNDLE, (c) => {
    bundle ??= scalarBundle();
    return c.body(bundle, 200, {
      'Content-Type': 'text/javascript; charset=UTF-8',
      'Cache-Control': 'public, max-age=86400',
    });
  });
  app.get('/api/docs', Scalar({ url: '/api/v1/openapi.json', cdn: SCALAR_BUNDLE, pageTitle: 'Regis API' }));
}
