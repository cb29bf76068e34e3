import { createHash } from 'node:crypto';
import type { AiProvider, GenerateRequest, GenerateResult } from './provider.js';

export const OFFLINE_MODEL = 'regis-offline-1';

const WORDS = (
  'the a clear simple quick careful bright quiet steady useful small large new modern classic ' +
  'design product service team idea plan result answer system feature customer story method ' +
  'makes brings offers builds shows keeps gives helps turns finds with for and of to in on ' +
  'every each today always better together reliable thoughtful practical'
).split(' ');

/** A small seeded generator (mulberry32): the same seed always yields the same sequence. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One token per word, as the offline model counts them. */
export const countTokens = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * The default model: no network, no weights. The same prompt always gives the same text (the
 * prompt's SHA-256 seeds the word choice; temperature does not change it), between 30 and 90 words
 * and never more than maxTokens, and tokensUsed is the text's word count.
 */
export class OfflineProvider implements AiProvider {
  readonly name = 'offline' as const;
  readonly model = OFFLINE_MODEL;

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    const digest = createHash('sha256').update(req.prompt).digest();
    const next = seeded(digest.readUInt32BE(0));
    const length = Math.min(req.maxTokens, 30 + (digest.readUInt16BE(4) % 61));
    const words: string[] = [];
    for (let i = 0; i < length; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]!);
    const first = words[0]!;
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    const text = `${words.join(' ')}.`;
    return { text, tokensUsed: countTokens(text), model: this.model };
  }
}
