import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, type TestApp } from '../../helpers/test-app.js';

const MIB = 1024 * 1024;
let t: TestApp;
let auth: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  auth = await (await t.signUp()).bearer();
});
afterAll(() => t.close());

const total = async () => (await t.request('/api/v1/tasks?limit=1', { headers: auth })).body.pagination.total;
/** A valid task body of exactly `size` bytes (padded with JSON whitespace). */
const bodyOf = (size: number) => {
  const head = '{"title":"big"';
  return `${head}${' '.repeat(size - head.length - 1)}}`;
};

function streamOf(text: string, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + chunk));
      at += chunk;
    },
  });
}

describe('SPEC §5: bodies over 1 MiB (default) → 413 PAYLOAD_TOO_LARGE', () => {
  it('announced by Content-Length', async () => {
    const raw = bodyOf(MIB + 1);
    const res = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'content-length': String(raw.length) },
      raw,
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ success: false, code: 'PAYLOAD_TOO_LARGE', error: expect.any(String) });
    expect(await total()).toBe(0);
  });

  it('streamed in chunks without Content-Length', async () => {
    const res = await t.app.request(`${ORIGIN}/api/v1/tasks`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: streamOf(bodyOf(2 * MIB)),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await total()).toBe(0);
  });

  it('on PATCH too, and the record is unchanged', async () => {
    const task = (
      await t.request('/api/v1/tasks', { method: 'POST', headers: auth, json: { title: 'keep' } })
    ).body.data;
    const res = await t.request(`/api/v1/tasks/${task.id}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      raw: bodyOf(MIB + 100),
    });
    expect(res.status).toBe(413);
    expect((await t.request(`/api/v1/tasks/${task.id}`, { headers: auth })).body.data.title).toBe('keep');
  });

  it('a body just under the limit is accepted, streamed or not', async () => {
    const raw = bodyOf(MIB - 1024);
    const plain = await t.request('/api/v1/tasks', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      raw,
    });
    expect(plain.status).toBe(201);
    const streamed = await t.app.request(`${ORIGIN}/api/v1/tasks`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: streamOf(raw),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(201);
  });
});
