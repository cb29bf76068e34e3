export type Scope = 'read' | 'write' | 'delete';
export const ALL_SCOPES: readonly Scope[] = ['read', 'write', 'delete'];

/** Who is calling: filled by the auth middleware, read by every operation. */
export interface Caller {
  userId: string;
  email: string;
  isAdmin: boolean;
  scopes: readonly Scope[];
  /** Set when the caller authenticated with an API key. */
  keyId?: string;
  /** Set when the caller authenticated with a session cookie. */
  sessionId?: string;
}

export function callerKind(caller: Caller): 'api_key' | 'session' {
  return caller.keyId ? 'api_key' : 'session';
}
