import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
const logs: string[] = [];
beforeAll(async () => {
  t = await createTestApp({ logs });
});
afterAll(() => t.close());

describe('SPEC §5: X-Request-ID', () => {
  it('echoes a sane one on success, error and health answers', async () => {
    const id = 'abc.DEF_1:2-3';
    for (const path of ['/api/health', '/api/v1/tasks', '/nope']) {
      const res = await t.request(path, { headers: { 'x-request-id': id } });
      expect(res.headers.get('x-request-id')).toBe(id);
    }
    const max = 'a'.repeat(128);
    expect(
      (await t.request('/api/health', { headers: { 'x-request-id': max } })).headers.get('x-request-id'),
    ).toBe(max);
  });

  it('replaces one that is too long or has other characters', async () => {
    for (const bad of ['a'.repeat(129), 'has space', 'semi;colon', 'slash/x', 'quote"', 'ünï']) {
      const res = await t.request('/api/health', { headers: { 'x-request-id': bad } });
      const got = res.headers.get('x-request-id')!;
      expect(got).not.toBe(bad);
      expect(got).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    }
  });

  it('generates a distinct one when none is sent, and logs carry it', async () => {
    const a = (await t.request('/api/v1/tasks')).headers.get('x-request-id');
    const b = (await t.request('/api/v1/tasks')).headers.get('x-request-id');
    expect(a).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    expect(a).not.toBe(b);
    await t.request('/api/v1/tasks', { headers: { 'x-request-id': 'trace-me-42' } });
    // A request log line of that request (if the app logs requests) names its id.
    const lines = logs.filter((l) => l.includes('trace-me-42'));
    for (const line of lines) expect(JSON.parse(line).requestId).toBe('trace-me-42');
  });
});
