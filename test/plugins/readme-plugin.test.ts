import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import badges from '../fixtures/plugins/badges/index.js';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';

const FIXTURE = 'test/fixtures/plugins/badges/index.ts';

/** The code block of README's "Writing a plugin" section, without its `// plugins/badges/index.ts` line. */
function readmeExample(): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Writing a plugin'));
  const block = /```ts\n\/\/ plugins\/badges\/index\.ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README: no plugins/badges/index.ts example under "Writing a plugin"');
  return block[1]!;
}

describe("README's plugin example is the fixture test/fixtures/plugins/badges (so it compiles and runs)", () => {
  it('the README shows exactly the fixture', () => {
    expect(readmeExample()).toBe(readFileSync(FIXTURE, 'utf8'));
  });
});

describe('the README plugin, loaded beside credits and audit', () => {
  let t: TestApp;
  let u: TestUser;
  beforeAll(async () => {
    t = await createTestApp({
      plugins: ['ledger', 'credits', 'audit', badges],
      env: { BADGE_GREETING: 'hi' },
    });
    u = await t.signUp();
  });
  afterAll(() => t.close());

  it('awards once per Idempotency-Key: credit, audit event and answer; a replay changes nothing', async () => {
    const headers = { ...(await u.bearer(['write'])), 'idempotency-key': 'award-1' };
    const first = await t.request('/api/v1/badge/award', { method: 'POST', headers });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ success: true, data: { message: `hi ${u.id}`, balance: 1 } });
    expect(first.text).toContain('"balance":1.00');
    const again = await t.request('/api/v1/badge/award', { method: 'POST', headers });
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await t.services.credits!.balance(u.id)).toBe(100);
    const audit = await t.request('/api/v1/audit?action=award', { headers: u.session });
    expect(audit.body.data).toHaveLength(1);
  });

  it('its hook uppercases badge labels; its error code answers in the envelope', async () => {
    const made = await t.request('/api/v1/badges', {
      method: 'POST',
      headers: u.session,
      json: { label: 'gold' },
    });
    expect(made.body.data.label).toBe('GOLD');
    const refused = await createTestApp({
      plugins: ['ledger', 'credits', badges],
      env: { BADGE_GREETING: 'no' },
    });
    try {
      const v = await refused.signUp();
      const res = await refused.request('/api/v1/badge/award', {
        method: 'POST',
        headers: { ...v.session, 'idempotency-key': 'k' },
      });
      expect(res.status).toBe(418);
      expect(res.body).toEqual({ success: false, error: 'No badges today', code: 'BADGE_REFUSED' });
    } finally {
      await refused.close();
    }
  });
});
