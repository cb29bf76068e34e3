import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { costOf } from '../../plugins/ai/config.js';
import { OFFLINE_MODEL } from '../../plugins/ai/offline-provider.js';
import { type FakeAiServer, startFakeAiServer } from '../fixtures/ai-server.js';
import { bootWithPlugins, type PluginApp } from '../fixtures/plugin-harness.js';
import type { TestUser } from '../helpers/test-app.js';

const GENERATE = '/api/v1/ai/generate';
/** 1 minor unit per token: a reservation for maxTokens=10 is exactly 10. */
const PRICE = '1000';

async function consistent(t: PluginApp, user: TestUser) {
  expect(await t.ledgerSum(user.id)).toBe(await t.balance(user.id));
}

describe('ai with the offline provider (the default)', () => {
  let t: PluginApp;
  let user: TestUser;
  let key: Record<string, string>;
  const generate = (json: unknown, headers = key, idem: string = randomUUID()) =>
    t.request(GENERATE, { method: 'POST', headers: { ...headers, 'idempotency-key': idem }, json });

  beforeAll(async () => {
    t = await bootWithPlugins({ AI_PRICE_PER_1K_TOKENS: PRICE });
    user = await t.signUp();
    key = await user.bearer();
  });
  afterAll(() => t?.close());

  it('answers {text, tokensUsed, model} deterministically and bills the tokens used', async () => {
    await t.topUp(user.id, 1000);
    const first = await generate({ prompt: 'Describe wireless headphones', maxTokens: 200 });
    expect(first.status, first.text).toBe(200);
    const { text, tokensUsed, model } = first.body.data;
    expect(model).toBe(OFFLINE_MODEL);
    expect(tokensUsed).toBe(text.split(/\s+/).length);
    expect(await t.balance(user.id)).toBe(1000 - costOf(tokensUsed, Number(PRICE)));
    const second = await generate({
      prompt: 'Describe wireless headphones',
      maxTokens: 200,
      temperature: 0.1,
    });
    expect(second.body.data).toEqual(first.body.data);
    await consistent(t, user);
  });

  it('validates prompt (1–8000), maxTokens (1–4000) and temperature (0–1), charging nothing', async () => {
    const before = await t.balance(user.id);
    const cases: [unknown, string][] = [
      [{}, 'prompt'],
      [{ prompt: '' }, 'prompt'],
      [{ prompt: '   ' }, 'prompt'],
      [{ prompt: 'x'.repeat(8001) }, 'prompt'],
      [{ prompt: 42 }, 'prompt'],
      [{ prompt: 'x', maxTokens: 0 }, 'maxTokens'],
      [{ prompt: 'x', maxTokens: 4001 }, 'maxTokens'],
      [{ prompt: 'x', maxTokens: 1.5 }, 'maxTokens'],
      [{ prompt: 'x', temperature: 1.01 }, 'temperature'],
      [{ prompt: 'x', temperature: -0.1 }, 'temperature'],
    ];
    for (const [body, field] of cases) {
      const res = await generate(body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details[field], field).toBeTypeOf('string');
    }
    expect((await generate({ prompt: 'x'.repeat(8000), maxTokens: 1 })).status).toBe(200);
    expect(await t.balance(user.id)).toBe(before - 1);
  });

  it('needs a credential that may write', async () => {
    const anonymous = { 'idempotency-key': randomUUID() };
    expect(
      (await t.request(GENERATE, { method: 'POST', headers: anonymous, json: { prompt: 'x' } })).status,
    ).toBe(401);
    const res = await generate({ prompt: 'x' }, await user.bearer(['read']));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('INVALID_SCOPE');
  });

  it('402 INSUFFICIENT_CREDITS when the balance cannot cover maxTokens, nothing charged', async () => {
    const poor = await t.signUp();
    const poorKey = await poor.bearer();
    await t.topUp(poor.id, 9);
    const res = await generate({ prompt: 'hello', maxTokens: 10 }, poorKey);
    expect(res.status).toBe(402);
    expect(res.body).toMatchObject({ success: false, code: 'INSUFFICIENT_CREDITS' });
    expect(await t.balance(poor.id)).toBe(9);
    expect(await t.ledgerEntries(poor.id)).toHaveLength(1);
    expect((await generate({ prompt: 'hello', maxTokens: 9 }, poorKey)).status).toBe(200);
  });

  it('10 concurrent generations at a balance of exactly 3 reservations: 3 succeed, 7 get 402', async () => {
    const u = await t.signUp();
    const k = await u.bearer();
    await t.topUp(u.id, 30);
    // maxTokens 10 < the offline model's shortest answer, so each uses all 10 and nothing comes back.
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => generate({ prompt: `race ${i}`, maxTokens: 10 }, k)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 402, 402, 402, 402, 402, 402, 402]);
    expect(await t.balance(u.id)).toBe(0);
    await consistent(t, u);
  });
});

/**
 * Registers the hooks of a suite against the fake OpenAI-compatible server: one app, one user with
 * `balance` minor units and a key; the server answers normally at the start of every test.
 */
function withFakeModel(balance: number) {
  const env = {} as { server: FakeAiServer; t: PluginApp; user: TestUser; key: Record<string, string> };
  beforeAll(async () => {
    env.server = await startFakeAiServer();
    env.t = await bootWithPlugins({
      AI_BASE_URL: env.server.baseUrl,
      AI_API_KEY: 'sk-fake',
      AI_MODEL: 'fake-model',
      AI_TIMEOUT_MS: '400',
      AI_PRICE_PER_1K_TOKENS: PRICE,
    });
    env.user = await env.t.signUp();
    env.key = await env.user.bearer();
    await env.t.topUp(env.user.id, balance);
  });
  afterAll(async () => {
    await env.t?.close();
    await env.server?.close();
  });
  beforeEach(() => {
    env.server.state.mode = 'ok';
    env.server.state.completionTokens = 7;
  });
  return env;
}

describe('ai with an OpenAI-compatible endpoint (a fake env.server on 127.0.0.1)', () => {
  const env = withFakeModel(500);
  const generate = (json: unknown, headers = env.key, idem: string = randomUUID()) =>
    env.t.request(GENERATE, { method: 'POST', headers: { ...headers, 'idempotency-key': idem }, json });

  it('reserves maxTokens, then settles to the tokens used', async () => {
    const before = await env.t.balance(env.user.id);
    const res = await generate({ prompt: 'hi there', maxTokens: 50, temperature: 0.3 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toEqual({ text: 'echo: hi there', tokensUsed: 7, model: 'fake-gpt' });
    expect(env.server.state.requests.at(-1)?.body).toMatchObject({
      model: 'fake-model',
      max_tokens: 50,
      temperature: 0.3,
    });
    expect(await env.t.balance(env.user.id)).toBe(before - 7);
    const refs = (await env.t.ledgerEntries(env.user.id)).map((e) => e.amountMinor);
    expect(refs.slice(-2)).toEqual([-50, 43]);
    await consistent(env.t, env.user);
  });

  it('provider 500 → 502 AI_PROVIDER_ERROR, refunded in full', async () => {
    const before = await env.t.balance(env.user.id);
    env.server.state.mode = 'error500';
    const res = await generate({ prompt: 'x', maxTokens: 40 });
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ success: false, code: 'AI_PROVIDER_ERROR' });
    expect(await env.t.balance(env.user.id)).toBe(before);
    await consistent(env.t, env.user);
  });

  it('provider timeout or 503 → 503 SERVICE_UNAVAILABLE, refunded in full', async () => {
    const before = await env.t.balance(env.user.id);
    for (const mode of ['hang', 'unavailable503'] as const) {
      env.server.state.mode = mode;
      const res = await generate({ prompt: 'x', maxTokens: 40 });
      expect(res.status, mode).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    }
    expect(await env.t.balance(env.user.id)).toBe(before);
    await consistent(env.t, env.user);
  });

  it('concurrent generations never overdraw: 3 reservations fit, 7 are refused', async () => {
    const u = await env.t.signUp();
    const k = await u.bearer();
    await env.t.topUp(u.id, 60);
    env.server.state.completionTokens = 20;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => generate({ prompt: `p${i}`, maxTokens: 20 }, k)),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 402)).toHaveLength(7);
    expect(await env.t.balance(u.id)).toBe(0);
    await consistent(env.t, u);
  });
});

describe('ai generate is idempotent with Idempotency-Key (SPEC §8), and works without it as seed 003 shows', () => {
  const env = withFakeModel(1000);
  const generate = (json: unknown, idem: string | null, headers = env.key) =>
    env.t.request(GENERATE, {
      method: 'POST',
      headers: idem === null ? headers : { ...headers, 'idempotency-key': idem },
      json,
    });
  const modelCalls = () => env.server.state.requests.length;

  it("seed 003's request, without the header: 200 {text, tokensUsed, model}; each call generates and is charged", async () => {
    const [before, calls] = [await env.t.balance(env.user.id), modelCalls()];
    const seed = {
      prompt: 'Write a product description for wireless headphones',
      maxTokens: 150,
      temperature: 0.8,
    };
    const headers = { ...env.key, 'content-type': 'application/json' };
    const first = await generate(seed, null, headers);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({
      success: true,
      data: { text: expect.any(String), tokensUsed: 7, model: expect.any(String) },
    });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const second = await generate(seed, null, headers);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(modelCalls()).toBe(calls + 2);
    expect(await env.t.balance(env.user.id)).toBe(before - 14);
    await consistent(env.t, env.user);
  });

  it('a retry replays the first answer: charged once, the model called once', async () => {
    const [before, calls] = [await env.t.balance(env.user.id), modelCalls()];
    const idem = randomUUID();
    const first = await generate({ prompt: 'once', maxTokens: 20 }, idem);
    expect(first.status, first.text).toBe(200);
    const again = await generate({ prompt: 'once', maxTokens: 20 }, idem);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(modelCalls()).toBe(calls + 1);
    expect(await env.t.balance(env.user.id)).toBe(before - 7);
    await consistent(env.t, env.user);
  });

  it('the same env.key with another body is 409 IDEMPOTENCY_CONFLICT and charges nothing', async () => {
    const idem = randomUUID();
    expect((await generate({ prompt: 'first', maxTokens: 20 }, idem)).status).toBe(200);
    const before = await env.t.balance(env.user.id);
    const other = await generate({ prompt: 'second', maxTokens: 20 }, idem);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await env.t.balance(env.user.id)).toBe(before);
  });

  it('5 concurrent requests with one key: one generation runs and is charged, the rest replay or 409', async () => {
    const u = await env.t.signUp();
    const k = await u.bearer();
    await env.t.topUp(u.id, 100);
    const calls = modelCalls();
    const idem = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => generate({ prompt: 'race', maxTokens: 20 }, idem, k)),
    );
    const ran = answers.filter((a) => a.status === 200 && a.headers.get('idempotent-replayed') !== 'true');
    expect(ran).toHaveLength(1);
    for (const a of answers) {
      if (a.status === 200) expect(a.body).toEqual(ran[0]!.body);
      else expect([a.status, a.body.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    }
    expect(modelCalls()).toBe(calls + 1);
    expect(await env.t.balance(u.id)).toBe(100 - 7);
    await consistent(env.t, u);
  });

  it('a failed model call keeps no claim: the same env.key succeeds on retry, charged once', async () => {
    const before = await env.t.balance(env.user.id);
    const idem = randomUUID();
    env.server.state.mode = 'error500';
    const failed = await generate({ prompt: 'flaky', maxTokens: 20 }, idem);
    expect(failed.status).toBe(502);
    expect(await env.t.balance(env.user.id)).toBe(before);
    env.server.state.mode = 'ok';
    const retried = await generate({ prompt: 'flaky', maxTokens: 20 }, idem);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await env.t.balance(env.user.id)).toBe(before - 7);
    await consistent(env.t, env.user);
  });

  it('no transaction is held across the model call: other requests answer while it runs', async () => {
    env.server.state.mode = 'hang'; // answers only when the 400 ms client timeout fires
    const order: string[] = [];
    const slow = generate({ prompt: 'slow', maxTokens: 20 }, randomUUID()).then((r) => {
      order.push('generate');
      return r;
    });
    await new Promise((r) => setTimeout(r, 50)); // let it reach the model
    const balance = await env.t.request('/api/v1/billing/balance', { headers: env.key });
    order.push('balance');
    expect(balance.status).toBe(200);
    expect((await slow).status).toBe(503);
    expect(order).toEqual(['balance', 'generate']);
  });
});
