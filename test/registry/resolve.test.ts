import { describe, expect, it } from 'vitest';
import { belongsTo, defineEntity, f, hasMany } from '../../src/index.js';
import { buildRegistry } from '../../src/registry/registry.js';
import { RegistryError, resolveEntity } from '../../src/registry/resolve.js';
import type { EntityInput } from '../../src/registry/types.js';

const users = defineEntity({ name: 'users', idPrefix: 'usr', owned: false, managed: false, fields: {} });
const base = (over: Partial<EntityInput> = {}): EntityInput => ({
  name: 'widgets',
  idPrefix: 'wid',
  fields: { title: f.string({ required: true, max: 50 }) },
  ...over,
});
const fails = (fn: () => unknown, text: RegExp) => {
  expect(fn).toThrow(RegistryError);
  expect(fn).toThrow(text);
};

describe('SPEC §2: resolveEntity fills defaults and derives field rules', () => {
  it('adds id, createdAt, updatedAt as generated, non-writable fields', () => {
    const m = resolveEntity(base());
    expect(m.fields.map((x) => x.name)).toEqual(['id', 'title', 'createdAt', 'updatedAt']);
    for (const g of ['id', 'createdAt', 'updatedAt']) {
      expect(m.fieldMap.get(g)).toMatchObject({ generated: true, writable: false });
    }
    expect(m.label).toEqual({ singular: 'Widget', plural: 'Widgets' });
    expect(m.operations).toEqual(new Set(['list', 'read', 'create', 'update', 'delete']));
    expect(m.access).toEqual({ read: 'owner', create: 'owner', update: 'owner', delete: 'owner' });
  });

  it('required/default/readOnly decide notNull and requiredOnCreate; columns are snake_case', () => {
    const m = resolveEntity(
      base({
        fields: {
          dueDate: f.date({ required: true }),
          status: f.enum(['a', 'b'], { required: true, default: 'a' }),
          score: f.integer({ readOnly: true, required: true }),
          note: f.text(),
        },
      }),
    );
    expect(m.fieldMap.get('dueDate')).toMatchObject({
      column: 'due_date',
      notNull: true,
      requiredOnCreate: true,
    });
    expect(m.fieldMap.get('status')).toMatchObject({ notNull: true, requiredOnCreate: false });
    expect(m.fieldMap.get('score')).toMatchObject({ writable: false, requiredOnCreate: false });
    expect(m.fieldMap.get('note')).toMatchObject({ notNull: false, requiredOnCreate: false });
  });

  it('shared access, and partial rules', () => {
    expect(resolveEntity(base({ access: 'shared' })).access.read).toBe('authenticated');
    expect(resolveEntity(base({ access: { read: 'public' } })).access).toMatchObject({
      read: 'public',
      update: 'owner',
    });
  });
});

describe('SPEC §2: declaration errors stop start-up with a clear message', () => {
  it('bad names, prefixes and fields', () => {
    fails(() => resolveEntity(base({ name: 'Widgets' })), /Widgets/);
    fails(() => resolveEntity(base({ idPrefix: 'W_' })), /idPrefix/);
    fails(() => resolveEntity(base({ fields: { id: f.string() } })), /widgets\.id/);
    fails(() => resolveEntity(base({ fields: { createdAt: f.datetime() } })), /createdAt/);
    fails(() => resolveEntity(base({ fields: { bad_name: f.string() } })), /bad_name/);
    fails(() => resolveEntity(base({ search: ['nope'] })), /search field "nope"/);
    fails(
      () => resolveEntity(base({ relations: { owner: belongsTo('users', 'title') } })),
      /belongsTo needs a ref field "title"/,
    );
  });

  it('duplicate names and prefixes, reserved names, unknown references', () => {
    fails(() => buildRegistry([users, base(), base()]), /declared twice/);
    fails(
      () => buildRegistry([users, base(), base({ name: 'gizmos' })]),
      /idPrefix "wid" is used by widgets/,
    );
    fails(
      () => buildRegistry([users, base({ name: 'keys' })], { reservedNames: ['keys'] }),
      /taken by the system/,
    );
    fails(
      () => buildRegistry([users, base({ fields: { partId: f.ref('parts') } })]),
      /widgets\.partId: references unknown entity "parts"/,
    );
    fails(
      () => buildRegistry([users, base({ relations: { parts: hasMany('parts', 'widgetId') } })]),
      /unknown entity "parts"/,
    );
    fails(
      () => buildRegistry([users, base()], { hooks: [{ entity: 'parts', hooks: {} }] }),
      /unknown entity "parts"/,
    );
  });

  it('a valid pair builds tables with unique constraints mapped to fields', () => {
    const reg = buildRegistry([
      users,
      base({
        fields: { sku: f.string({ unique: true }) },
        relations: { parts: hasMany('parts', 'widgetId') },
      }),
      defineEntity({
        name: 'parts',
        idPrefix: 'prt',
        fields: { widgetId: f.ref('widgets', { required: true }) },
        relations: { widget: belongsTo('widgets', 'widgetId') },
      }),
    ]);
    const w = reg.get('widgets')!;
    expect([...w.uniqueConstraints.values()]).toContain('sku');
    expect(Object.keys(reg.kitSchema).length).toBeGreaterThan(0);
    expect(reg.get('nope')).toBeUndefined();
  });
});
