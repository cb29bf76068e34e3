import { eq } from 'drizzle-orm';
import type { Scope } from '../access/caller.js';
import type { AuthService } from '../auth/index.js';
import { user } from '../auth/schema.js';
import type { Db } from '../db/client.js';

const SCOPES = new Set(['read', 'write', 'delete']);

/** Signs a user up through better-auth (so the password is hashed its way); optionally an admin. */
export async function createUser(
  auth: AuthService,
  db: Db,
  input: { email: string; password: string; name: string; admin?: boolean },
) {
  const res = await auth.betterAuth.api.signUpEmail({
    body: { email: input.email, password: input.password, name: input.name },
  });
  if (input.admin) await makeAdmin(db, input.email);
  return { id: res.user.id, email: res.user.email, admin: Boolean(input.admin) };
}

/** Makes an existing user an admin; false when no user has that email. */
export async function makeAdmin(db: Db, email: string): Promise<boolean> {
  const rows = await db
    .update(user)
    .set({ isAdmin: true })
    .where(eq(user.email, email.toLowerCase()))
    .returning({ id: user.id });
  return rows.length > 0;
}

/** Creates an API key for a user by email; the full key is returned once for printing. */
export async function createKeyFor(auth: AuthService, db: Db, email: string, name: string, scopes: string[]) {
  const bad = scopes.filter((s) => !SCOPES.has(s));
  if (bad.length > 0 || scopes.length === 0)
    throw new Error(`scopes must be a comma list of read,write,delete`);
  const [owner] = await db
    .select({ id: user.id })
    .from(user)
    .where(eq(user.email, email.toLowerCase()))
    .limit(1);
  if (!owner) throw new Error(`no user with email ${email}`);
  return auth.keys.create(owner.id, { name, scopes: scopes as Scope[] });
}
