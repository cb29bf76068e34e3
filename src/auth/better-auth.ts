import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { emailOTP } from 'better-auth/plugins';
import type { Logger } from 'pino';
import { type Env, listOf } from '../config/env.js';
import { randomBase62 } from '../crud/ids.js';
import type { Db } from '../db/client.js';
import type { Mailer } from './mailer.js';
import { account, session, user, verification } from './schema.js';

const ID_PREFIX: Record<string, string> = {
  user: 'usr',
  session: 'ses',
  account: 'acc',
  verification: 'ver',
};

export interface BetterAuthDeps {
  env: Env;
  db: Db;
  secret: string;
  mailer: Mailer;
  logger: Logger;
}

/** better-auth over the same drizzle instance: email + password, email one-time codes (stored hashed). */
export function createBetterAuth({ env, db, secret, mailer, logger }: BetterAuthDeps) {
  const admins = new Set(listOf(env.ADMIN_EMAILS).map((e) => e.toLowerCase()));
  return betterAuth({
    secret,
    basePath: '/api/auth',
    ...(env.BASE_URL ? { baseURL: env.BASE_URL } : {}),
    trustedOrigins: listOf(env.TRUSTED_ORIGINS),
    database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification } }),
    emailAndPassword: { enabled: true, minPasswordLength: 8 },
    user: {
      additionalFields: { isAdmin: { type: 'boolean', required: false, defaultValue: false, input: false } },
    },
    session: { cookieCache: { enabled: true, maxAge: 60 } },
    databaseHooks: {
      user: {
        create: {
          before: async (u) => ({ data: { ...u, isAdmin: admins.has(u.email.toLowerCase()) } }),
        },
      },
    },
    plugins: [
      emailOTP({
        otpLength: 6,
        expiresIn: 300,
        allowedAttempts: 3,
        storeOTP: 'hashed',
        async sendVerificationOTP({ email, otp, type }) {
          await mailer.send({
            to: email,
            subject: 'Your Regis sign-in code',
            text: `Your one-time code is ${otp}. It expires in 5 minutes. (${type})`,
          });
        },
      }),
    ],
    advanced: {
      database: { generateId: ({ model }) => `${ID_PREFIX[model] ?? model.slice(0, 3)}_${randomBase62(24)}` },
    },
    telemetry: { enabled: false },
    logger: {
      level: env.NODE_ENV === 'test' ? 'error' : 'warn',
      log: (level, message) => logger[level]({ source: 'better-auth' }, message),
    },
  });
}

export type BetterAuth = ReturnType<typeof createBetterAuth>;
