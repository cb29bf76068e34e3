import '../credits/index.js';
import { definePlugin, serviceOf } from 'regis/plugin';
import { aiConfigSchema } from './config.js';
import { AI_ERRORS } from './errors.js';
import { mountAi } from './setup.js';

/**
 * POST /api/v1/ai/generate, billed through the credits ledger: reserve the maximum, settle to the
 * tokens used, refund on failure (SPEC §9 ai). An OpenAI-compatible endpoint or the offline model.
 */
export default definePlugin({
  id: 'ai',
  version: '1.0.0',
  dependsOn: ['credits'],
  config: aiConfigSchema,
  errors: AI_ERRORS,
  routes(app, ctx) {
    mountAi(app, { ledger: serviceOf(ctx, 'credits'), config: ctx.config, logger: ctx.logger, db: ctx.db });
  },
});
