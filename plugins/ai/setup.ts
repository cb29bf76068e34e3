import type { Logger } from 'pino';
import type { Db, PluginApp } from 'regis/plugin';
import type { AiLedger } from './billing.js';
import type { AiConfig } from './config.js';
import { OfflineProvider } from './offline-provider.js';
import { OpenAiCompatibleProvider } from './openai-provider.js';
import type { AiProvider } from './provider.js';
import { mountAiRoutes } from './routes.js';

/** The OpenAI-compatible endpoint when AI_BASE_URL is set, otherwise the offline model. */
export function chooseAiProvider(config: AiConfig): AiProvider {
  if (!config.AI_BASE_URL) return new OfflineProvider();
  return new OpenAiCompatibleProvider({
    baseUrl: config.AI_BASE_URL,
    apiKey: config.AI_API_KEY,
    model: config.AI_MODEL,
    timeoutMs: config.AI_TIMEOUT_MS,
  });
}

export function mountAi(
  app: PluginApp,
  s: { ledger: AiLedger; config: AiConfig; logger: Logger; db: Db },
): AiProvider {
  const provider = chooseAiProvider(s.config);
  mountAiRoutes(app, {
    provider,
    ledger: s.ledger,
    pricePer1k: s.config.AI_PRICE_PER_1K_TOKENS,
    logger: s.logger,
    db: s.db,
  });
  s.logger.info({ provider: provider.name, model: provider.model }, 'ai provider ready');
  return provider;
}
