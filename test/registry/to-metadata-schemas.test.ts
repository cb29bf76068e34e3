import { describe, expect, it } from 'vitest';
import { belongsTo, f } from '../../src/index.js';
import { resolveEntity } from '../../src/registry/resolve.js';
import { methodsOf, toMetadata } from '../../src/registry/to-metadata.js';
import { toSchemas } from '../../src/registry/to-schemas.js';

const model = resolveEntity({
  name: 'items',
  idPrefix: 'itm',
  label: { singular: 'Item', plural: 'Items' },
  fields: {
    title: f.string({ required: true, min: 1, max: 5 }),
    kind: f.enum(['a', 'b'], { default: 'a' }),
    ownerRef: f.ref('users'),
    secret: f.string({ hidden: true }),
    price: f.decimal(6, 2),
  },
  relations: { owner: belongsTo('users', 'ownerRef') },
  operations: ['list', 'read'],
});

describe('toMetadata: the OPTIONS body', () => {
  it('has the seed shape', () => {
    const meta = toMetadata(model, { read: true, write: false, delete: false }, { limit: 5, window: '1m' });
    expect(meta.entity).toBe('items');
    expect(meta.methods).toEqual(['GET', 'OPTIONS']);
    expect(meta.schema['title']).toMatchObject({
      type: 'string',
      required: true,
      maxLength: 5,
      minLength: 1,
    });
    expect(meta.schema['kind']).toMatchObject({
      type: 'enum',
      required: false,
      values: ['a', 'b'],
      default: 'a',
    });
    expect(meta.schema['id']).toMatchObject({ type: 'string', generated: true });
    expect(meta.schema['ownerRef']).toMatchObject({ type: 'string' });
    expect(meta.relations).toEqual({ owner: { type: 'belongsTo', entity: 'users', foreignKey: 'ownerRef' } });
    expect(meta.permissions).toEqual({ read: true, write: false, delete: false });
    expect(meta.rateLimit).toEqual({ limit: 5, window: '1m' });
  });

  it('methodsOf maps operations to verbs', () => {
    expect(methodsOf(new Set(['list', 'create', 'update', 'delete']))).toEqual([
      'GET',
      'POST',
      'PATCH',
      'DELETE',
      'OPTIONS',
    ]);
  });
});

describe('toSchemas: create/update/record from one model', () => {
  const s = toSchemas(model);
  it('create is strict, requires required fields, leaves out generated ones', () => {
    expect(s.create.safeParse({ title: 'x' }).success).toBe(true);
    expect(s.create.safeParse({}).success).toBe(false);
    expect(s.create.safeParse({ title: 'x', id: 'itm_1' }).success).toBe(false);
    expect(s.create.safeParse({ title: 'x', nope: 1 }).success).toBe(false);
  });
  it('update makes everything optional; record hides hidden fields', () => {
    expect(s.update.safeParse({}).success).toBe(true);
    expect(s.update.safeParse({ kind: 'c' }).success).toBe(false);
    expect(Object.keys(s.record.shape)).not.toContain('secret');
    expect(Object.keys(s.record.shape)).toContain('createdAt');
  });
});

describe('toMetadata: text fields show the cap validation enforces', () => {
  it('default 100000, or the declared max', () => {
    const m = resolveEntity({
      name: 'docs',
      idPrefix: 'doc',
      fields: { body: f.text(), short: f.text({ max: 10 }) },
    });
    const meta = toMetadata(m, { read: true, write: true, delete: true }, { limit: 1, window: '1h' });
    expect(meta.schema['body']).toMatchObject({ type: 'string', maxLength: 100_000 });
    expect(meta.schema['short']).toMatchObject({ maxLength: 10 });
  });
});
