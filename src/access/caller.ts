export type Scope = 'read' | 'write' | 'delete';
export const ALL_SCOPES: readonly Scope[] = ['read', 'write', 'delete'];

/** How the caller proved who they are (SPEC §10). */
export type CredentialKind = 'session' | 'api_key' | 'access_token' | 'oauth';

/**
 * Who is calling: one shape for every credential, filled by the auth middleware (src/auth) and read
 * by every operation. Access is decided from it alone (src/access/scope.ts), never from headers.
 */
export interface Caller {
  userId: string;
  email: string;
  isAdmin: boolean;
  /**
   * Regis scopes the credential carries: sessions and first-party access tokens all three, an API
   * key its own, an OAuth token what its grant maps to. Empty means "profile routes only".
   */
  scopes: readonly Scope[];
  kind: CredentialKind;
  /** The credential's id: the session, the API key, or the token family (access_token, oauth). */
  credentialId: string;
  /** The project (tenant, SPEC §11) the request acts in: the key's, or x-project-id / the personal one. */
  projectId?: string;
  /** Seed 002's `X-Agent-Id`, set by the agents plugin once it has checked the agent is the caller's. */
  agentId?: string;
  /** The OAuth client the token was issued to (kind 'oauth'). */
  clientId?: string;
  /** OAuth scopes as granted (kind 'oauth'); `scopes` is what they map to. */
  grantedScopes?: readonly string[];
}

const REF_PREFIX: Record<CredentialKind, string> = {
  session: 'session',
  api_key: 'key',
  access_token: 'token',
  oauth: 'oauth',
};

/** A stable label of the credential ("key:key_…", "session:ses_…", "token:fam_…") for logs and audit. */
export const credentialRef = (caller: Caller) => `${REF_PREFIX[caller.kind]}:${caller.credentialId}`;
