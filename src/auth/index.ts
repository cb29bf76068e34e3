import type { Context } from 'hono';
import type { Logger } from 'pino';
import { ALL_SCOPES, type Caller } from '../access/caller.js';
import { type Env, listOf } from '../config/env.js';
import type { Database } from '../db/client.js';
import { AppError } from '../errors/app-error.js';
import type { AppEnv } from '../http/types.js';
import { createKeyStore } from './api-keys.js';
import { createBetterAuth } from './better-auth.js';
import { createMailer } from './mailer.js';
import { authSecret } from './secret.js';

const REVOKED_CHANNEL = 'regis_key_revoked';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION_COOKIE = 'better-auth.session_token';

export interface AuthDeps {
  env: Env;
  database: Database;
  logger: Logger;
}

/** Sessions with a cookie must come from a trusted origin for anything that changes state (CSRF). */
function checkOrigin(c: Context<AppEnv>, trusted: readonly string[]): void {
  const origin =
    c.req.header('origin') ??
    (c.req.header('referer') ? new URL(c.req.header('referer')!).origin : undefined);
  const allowed = origin !== undefined && (origin === new URL(c.req.url).origin || trusted.includes(origin));
  if (!allowed) {
    throw AppError.of('FORBIDDEN', {
      message: 'Cross-site request refused',
      details: {
        origin: origin ? 'Origin is not trusted' : 'Origin header is required with a session cookie',
      },
    });
  }
}

/** better-auth sessions + Regis API keys → one `authenticate` for the caller middleware. */
export async function createAuth({ env, database, logger }: AuthDeps) {
  const mailer = createMailer(env, database.db, logger);
  const betterAuth = createBetterAuth({ env, db: database.db, secret: authSecret(env), mailer, logger });
  const keys = createKeyStore(database.db, { cacheTtlMs: env.KEY_CACHE_TTL_MS });
  const trusted = [...listOf(env.TRUSTED_ORIGINS), ...(env.BASE_URL ? [new URL(env.BASE_URL).origin] : [])];
  // Other nodes on the same PostgreSQL forget a revoked key at once; the cache TTL bounds it anyway.
  const unlisten = await database.listen(REVOKED_CHANNEL, (keyId) => keys.forget(keyId));

  async function authenticate(c: Context<AppEnv>): Promise<Caller | null> {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw AppError.of('UNAUTHORIZED', { message: 'Malformed Authorization header' });
      return keys.verify(match[1]!);
    }
    if (!c.req.header('cookie')?.includes(SESSION_COOKIE)) return null;
    const found = await betterAuth.api.getSession({ headers: c.req.raw.headers });
    if (!found) throw AppError.of('UNAUTHORIZED', { message: 'Session expired or invalid' });
    if (!SAFE_METHODS.has(c.req.method)) checkOrigin(c, trusted);
    return {
      userId: found.user.id,
      email: found.user.email,
      isAdmin: Boolean((found.user as { isAdmin?: boolean }).isAdmin),
      scopes: ALL_SCOPES,
      kind: 'session',
      credentialId: found.session.id,
    };
  }

  return {
    betterAuth,
    keys,
    mailer,
    authenticate,
    async revokeKey(userId: string, keyId: string): Promise<boolean> {
      const revoked = await keys.revoke(userId, keyId);
      if (revoked)
        await database
          .notify(REVOKED_CHANNEL, keyId)
          .catch((err) => logger.warn({ err }, 'revocation notify failed'));
      return revoked;
    },
    async close() {
      await unlisten().catch(() => {});
      await keys.close();
    },
  };
}

export type AuthService = Awaited<ReturnType<typeof createAuth>>;
