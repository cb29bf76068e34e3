import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/env.js';
import { defineErrors } from '../../src/errors/define-errors.js';
import { definePlugin } from '../../src/plugins/define-plugin.js';
import { enabledPluginIds, loadPlugins, orderByDependencies, PluginError } from '../../src/plugins/load.js';
import hello from '../fixtures/plugins/hello/index.js';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app.js';

const FIXTURES = 'test/fixtures/plugins';

describe('§9 a plugin loaded from a folder contributes an entity, a route, a hook and an error code', () => {
  let t: TestApp;
  let u: TestUser;
  beforeAll(async () => {
    const [loaded] = await loadPlugins({ dir: FIXTURES, source: { PLUGINS: 'hello', HELLO_GREETING: 'hi' } });
    expect(loaded?.plugin).toBe(hello);
    expect(loaded?.config).toEqual({ HELLO_GREETING: 'hi', HELLO_TIMES: 1 });
    t = await createTestApp({ plugins: [hello], env: { HELLO_GREETING: 'hi' } });
    u = await t.signUp();
  });
  afterAll(() => t.close());

  it('serves its typed route behind the caller middleware, with services from init', async () => {
    const res = await t.request('/api/v1/hello/greeting', { headers: u.session });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ greeting: `hi ${u.id}`, stickers: 0, caller: u.id });
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(t.services.hello?.greet('x')).toBe('hi x');
  });

  it('its entity gets generated endpoints and its hook runs', async () => {
    const made = await t.request('/api/v1/stickers', {
      method: 'POST',
      headers: u.session,
      json: { label: 'cat' },
    });
    expect(made.status).toBe(201);
    expect(made.body.data.label).toBe('CAT');
    const res = await t.request('/api/v1/hello/greeting', { headers: u.session });
    expect(res.body.data.stickers).toBe(1);
  });

  it('its error code reaches the client in the envelope', async () => {
    const res = await t.request('/api/v1/hello/refuse', { method: 'POST', headers: u.session });
    expect(res.status).toBe(418);
    expect(res.body.code).toBe('HELLO_REFUSED');
    expect(res.body.error).toBe('The hello plugin refuses');
  });

  it('the OpenAPI document lists the route, the entity and the error codes', async () => {
    const doc = (await t.request('/api/v1/openapi.json')).body;
    expect(doc.paths['/api/v1/hello/greeting']?.get).toBeTruthy();
    expect(doc.paths['/api/v1/hello/refuse']?.post).toBeTruthy();
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/api/v1/stickers'))).toBe(true);
    expect(doc.components.schemas.HelloErrorCodes.enum).toEqual(['HELLO_REFUSED']);
  });
});

describe('§9 a disabled plugin adds nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ plugins: [] });
  });
  afterAll(() => t.close());

  it('no route, no entity, no table, nothing in the OpenAPI document', async () => {
    const u = await t.signUp();
    expect((await t.request('/api/v1/hello/greeting', { headers: u.session })).status).toBe(404);
    expect((await t.request('/api/v1/stickers', { headers: u.session })).status).toBe(404);
    expect(t.registry.get('stickers')).toBeUndefined();
    const tables = await t.database.db.execute(
      "select 1 from information_schema.tables where table_name = 'stickers'" as never,
    );
    expect([
      ...((tables as unknown as { rows?: unknown[] }).rows ?? (tables as unknown as unknown[])),
    ]).toHaveLength(0);
    const doc = (await t.request('/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths).filter((p) => p.includes('hello') || p.includes('stickers'))).toEqual([]);
    expect(doc.components.schemas.HelloErrorCodes).toBeUndefined();
  });

  it('PLUGINS: unset enables every shipped plugin, empty enables none, a list enables those', async () => {
    expect(enabledPluginIds(FIXTURES, {})).toEqual(['badges', 'hello']);
    expect(enabledPluginIds(FIXTURES, { PLUGINS: '' })).toEqual([]);
    expect(enabledPluginIds(FIXTURES, { PLUGINS: ' hello ,' })).toEqual(['hello']);
    expect(await loadPlugins({ dir: FIXTURES, source: { PLUGINS: '' } })).toEqual([]);
  });
});

describe('§9 start-up checks', () => {
  it('a bad config value stops start-up naming the variable', async () => {
    const run = loadPlugins({ dir: FIXTURES, source: { PLUGINS: 'hello', HELLO_TIMES: 'many' } });
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(/HELLO_TIMES/);
  });

  it('an unknown plugin id is refused', async () => {
    await expect(loadPlugins({ dir: FIXTURES, source: { PLUGINS: 'nope' } })).rejects.toThrow(
      /plugins\/nope/,
    );
  });

  it('dependsOn: a missing dependency is named; dependencies start first; cycles are refused', () => {
    const a = definePlugin({ id: 'a', dependsOn: ['b'] });
    const b = definePlugin({ id: 'b' });
    expect(() => orderByDependencies([a])).toThrow(/"a" depends on "b", which is not enabled/);
    expect(orderByDependencies([a, b]).map((p) => p.id)).toEqual(['b', 'a']);
    const c = definePlugin({ id: 'c', dependsOn: ['d'] });
    const d = definePlugin({ id: 'd', dependsOn: ['c'] });
    expect(() => orderByDependencies([c, d])).toThrow(PluginError);
  });

  it("each error code is defined once: a plugin may not redefine a core code or another plugin's", async () => {
    const core = definePlugin({
      id: 'core-clash',
      errors: defineErrors({ NOT_FOUND: { status: 404, message: 'x' } }),
    });
    await expect(loadPlugins({ ids: [], extra: [core] })).rejects.toThrow(
      'plugin "core-clash": error code NOT_FOUND is already defined by the core',
    );
    const twin = definePlugin({
      id: 'twin',
      errors: defineErrors({ HELLO_REFUSED: { status: 400, message: 'y' } }),
    });
    await expect(loadPlugins({ dir: FIXTURES, ids: ['hello'], extra: [twin] })).rejects.toThrow(
      'plugin "twin": error code HELLO_REFUSED is already defined by plugin "hello"',
    );
  });

  it('a plugin route that takes an entity name fails start-up', async () => {
    const clash = definePlugin({
      id: 'clash',
      routes: (app) => {
        app.get('/api/v1/tasks/extra', (c) => c.text('x'));
      },
    });
    await expect(createTestApp({ plugins: [clash] })).rejects.toThrow(/clashes with entity "tasks"/);
  });
});
