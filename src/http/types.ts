import type { Logger } from 'pino';
import type { Caller } from '../access/caller.js';

/** Variables every request carries, set by middleware (typed for `c.get`). */
export interface AppVariables {
  requestId: string;
  caller: Caller | null;
  /** Made on first use: read it through `requestLogger(c)` (src/http/middleware/request-id.ts). */
  logger?: Logger;
}

export interface AppEnv {
  Variables: AppVariables;
}
