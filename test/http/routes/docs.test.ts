import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('SPEC §5: /api/docs serves Scalar from Regis itself', () => {
  it('HTML whose scripts are all local, and the bundle answers JS', async () => {
    const res = await t.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.text).toContain('/api/v1/openapi.json');
    const srcs = [...res.text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs.length).toBeGreaterThan(0);
    for (const src of srcs) expect(src).toMatch(/^\/(?!\/)/);
    expect(res.text).not.toMatch(/cdn\.jsdelivr|unpkg\.com/);
    for (const src of srcs) {
      const js = await t.app.request(`http://localhost${src}`);
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect((await js.text()).length).toBeGreaterThan(10_000);
    }
  });
});
