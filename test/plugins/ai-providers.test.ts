import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { costOf } from '../../plugins/ai/config.js';
import { countTokens, OFFLINE_MODEL, OfflineProvider } from '../../plugins/ai/offline-provider.js';
import { OpenAiCompatibleProvider } from '../../plugins/ai/openai-provider.js';
import { AiProviderError } from '../../plugins/ai/provider.js';
import { type FakeAiServer, startFakeAiServer } from '../fixtures/ai-server.js';

describe('offline provider: deterministic, no network', () => {
  const offline = new OfflineProvider();
  const req = {
    prompt: 'Write a product description for wireless headphones',
    maxTokens: 100,
    temperature: 0.7,
  };

  it('gives the same text for the same prompt, whatever the temperature', async () => {
    const a = await offline.generate(req);
    const b = await offline.generate({ ...req, temperature: 0.1 });
    expect(b).toEqual(a);
    expect(a.model).toBe(OFFLINE_MODEL);
    expect(a.text.length).toBeGreaterThan(0);
  });

  it('gives different text for a different prompt', async () => {
    const a = await offline.generate(req);
    const b = await offline.generate({ ...req, prompt: `${req.prompt}!` });
    expect(b.text).not.toBe(a.text);
  });

  it('derives tokensUsed from the text and never passes maxTokens', async () => {
    for (const maxTokens of [1, 5, 30, 4000]) {
      const r = await offline.generate({ ...req, maxTokens });
      expect(r.tokensUsed).toBe(countTokens(r.text));
      expect(r.tokensUsed).toBeLessThanOrEqual(maxTokens);
      expect(r.tokensUsed).toBeGreaterThanOrEqual(Math.min(maxTokens, 30));
    }
  });
});

describe('pricing: whole minor units, rounded up, monotonic', () => {
  it('charges ceil(tokens × price / 1000)', () => {
    expect(costOf(100, 10)).toBe(1);
    expect(costOf(1, 10)).toBe(1);
    expect(costOf(0, 10)).toBe(0);
    expect(costOf(1000, 10)).toBe(10);
    expect(costOf(1001, 10)).toBe(11);
    expect(costOf(10, 1000)).toBe(10);
    expect(costOf(3000, 0.1)).toBe(1); // 0.3 → 1, no float noise
    expect(costOf(10_000, 0.1)).toBe(1); // exactly 1.0, not 2
    expect(costOf(4000, 0)).toBe(0);
  });

  it('never charges more for fewer tokens', () => {
    for (const price of [0.3, 7, 33.3333, 1000]) {
      for (let t = 1; t <= 400; t++) expect(costOf(t - 1, price)).toBeLessThanOrEqual(costOf(t, price));
    }
  });
});

describe('OpenAI-compatible provider against a fake server on 127.0.0.1', () => {
  let server: FakeAiServer;
  const provider = (timeoutMs = 2_000) =>
    new OpenAiCompatibleProvider({
      baseUrl: server.baseUrl,
      apiKey: 'test-key',
      model: 'fake-model',
      timeoutMs,
    });

  beforeAll(async () => {
    server = await startFakeAiServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.state.mode = 'ok';
    server.state.requests.length = 0;
  });

  it('POSTs {base}/chat/completions with the model, prompt, limits and key', async () => {
    const r = await provider().generate({ prompt: 'hello', maxTokens: 50, temperature: 0.2 });
    expect(r).toEqual({ text: 'echo: hello', tokensUsed: 7, model: 'fake-gpt' });
    const sent = server.state.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.authorization).toBe('Bearer test-key');
    expect(sent.body).toMatchObject({
      model: 'fake-model',
      max_tokens: 50,
      temperature: 0.2,
      messages: [{ role: 'user', content: 'hello' }],
    });
  });

  it('maps upstream failures: 500 and malformed answers → bad_gateway, 503 → unavailable', async () => {
    const cases = [
      ['error500', 'bad_gateway'],
      ['malformed', 'bad_gateway'],
      ['no-content', 'bad_gateway'],
      ['unavailable503', 'unavailable'],
    ] as const;
    for (const [mode, kind] of cases) {
      server.state.mode = mode;
      const err = await provider()
        .generate({ prompt: 'x', maxTokens: 5, temperature: 0 })
        .catch((e: unknown) => e);
      expect(err, mode).toBeInstanceOf(AiProviderError);
      expect((err as AiProviderError).kind, mode).toBe(kind);
    }
  });

  it('gives up after the timeout → unavailable', async () => {
    server.state.mode = 'hang';
    const err = await provider(300)
      .generate({ prompt: 'x', maxTokens: 5, temperature: 0 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AiProviderError);
    expect((err as AiProviderError).kind).toBe('unavailable');
    expect((err as AiProviderError).message).toMatch(/300 ms/);
  });

  it('an unreachable endpoint → unavailable', async () => {
    const closed = await startFakeAiServer();
    const url = closed.baseUrl;
    await closed.close();
    const p = new OpenAiCompatibleProvider({ baseUrl: url, model: 'm', timeoutMs: 2_000 });
    const err = await p.generate({ prompt: 'x', maxTokens: 5, temperature: 0 }).catch((e: unknown) => e);
    expect((err as AiProviderError).kind).toBe('unavailable');
  });
});
