/** What the ai plugin needs from a language model; the HTTP and offline providers implement it. */
export interface GenerateRequest {
  prompt: string;
  maxTokens: number;
  temperature: number;
}

export interface GenerateResult {
  text: string;
  /** Generated (completion) tokens: what is billed, never more than maxTokens. */
  tokensUsed: number;
  model: string;
}

export interface AiProvider {
  readonly name: 'openai-compatible' | 'offline';
  readonly model: string;
  generate(req: GenerateRequest): Promise<GenerateResult>;
}

/**
 * The model could not answer. `unavailable` (timeout, refused connection, 429/503 upstream) maps to
 * 503; `bad_gateway` (other upstream errors, a malformed answer) to 502.
 */
export class AiProviderError extends Error {
  override name = 'AiProviderError';
  constructor(
    readonly kind: 'unavailable' | 'bad_gateway',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
