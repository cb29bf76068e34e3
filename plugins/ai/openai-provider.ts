import { countTokens } from './offline-provider.js';
import { type AiProvider, AiProviderError, type GenerateRequest, type GenerateResult } from './provider.js';

export interface OpenAiOptions {
  /** e.g. https://api.openai.com/v1 — `/chat/completions` is appended. */
  baseUrl: string;
  apiKey?: string | undefined;
  model: string;
  timeoutMs: number;
}

interface ChatCompletion {
  model?: unknown;
  choices?: { message?: { content?: unknown } }[];
  usage?: { completion_tokens?: unknown };
}

/** Upstream statuses that mean "try again later" rather than "this call is broken". */
const TRANSIENT = new Set([408, 429, 502, 503, 504]);

/** Any OpenAI-compatible chat completions endpoint, over fetch with a hard timeout. */
export class OpenAiCompatibleProvider implements AiProvider {
  readonly name = 'openai-compatible' as const;
  readonly model: string;
  readonly #url: string;
  readonly #options: OpenAiOptions;

  constructor(options: OpenAiOptions) {
    this.model = options.model;
    this.#url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    this.#options = options;
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    const res = await this.#post({
      model: this.model,
      messages: [{ role: 'user', content: req.prompt }],
      max_tokens: req.maxTokens,
      temperature: req.temperature,
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      const kind = TRANSIENT.has(res.status) ? 'unavailable' : 'bad_gateway';
      throw new AiProviderError(kind, `model endpoint answered ${res.status}`);
    }
    let body: ChatCompletion;
    try {
      body = (await res.json()) as ChatCompletion;
    } catch (cause) {
      if (cause instanceof Error && cause.name === 'TimeoutError') {
        throw new AiProviderError('unavailable', 'model endpoint stopped answering', { cause });
      }
      throw new AiProviderError('bad_gateway', 'model endpoint answered with malformed JSON', { cause });
    }
    return this.#read(body, req.maxTokens);
  }

  async #post(payload: unknown): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.#options.apiKey) headers['authorization'] = `Bearer ${this.#options.apiKey}`;
    try {
      return await fetch(this.#url, {
        method: 'POST',
        headers,
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
    } catch (cause) {
      const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
      const message = timedOut
        ? `no answer within ${this.#options.timeoutMs} ms`
        : 'model endpoint unreachable';
      throw new AiProviderError('unavailable', message, { cause });
    }
  }

  #read(body: ChatCompletion, maxTokens: number): GenerateResult {
    const text = body.choices?.[0]?.message?.content;
    if (typeof text !== 'string') throw new AiProviderError('bad_gateway', 'answer has no message content');
    const reported = body.usage?.completion_tokens;
    const tokens =
      typeof reported === 'number' && Number.isInteger(reported) && reported >= 0
        ? reported
        : countTokens(text);
    return {
      text,
      // Billing never passes the reservation, whatever the upstream reports.
      tokensUsed: Math.min(tokens, maxTokens),
      model: typeof body.model === 'string' && body.model ? body.model : this.model,
    };
  }
}
