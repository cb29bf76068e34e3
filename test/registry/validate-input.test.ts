import { describe, expect, it } from 'vitest';
import { f } from '../../src/index.js';
import { resolveEntity } from '../../src/registry/resolve.js';
import { validateInput } from '../../src/registry/validate-input.js';

const model = resolveEntity({
  name: 'items',
  idPrefix: 'itm',
  fields: {
    title: f.string({ required: true, max: 5 }),
    kind: f.enum(['a', 'b'], { default: 'a' }),
    price: f.decimal(6, 2, { min: 0 }),
    qty: f.integer({ min: 0, max: 9 }),
    day: f.date(),
    at: f.datetime(),
    tags: f.stringArray(),
    meta: f.json(),
    on: f.boolean(),
    locked: f.string({ readOnly: true }),
  },
});

describe('validateInput (pure): per-field details', () => {
  it('accepts a good body and converts values for the database', () => {
    const r = validateInput(model, 'create', {
      title: 'ok',
      price: 19.9,
      qty: 3,
      day: '2025-01-02',
      tags: ['x'],
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data).toMatchObject({ title: 'ok', qty: 3, day: '2025-01-02', tags: ['x'] });
  });

  it('names every problem once', () => {
    const r = validateInput(model, 'create', {
      kind: 'c',
      price: 1.234,
      qty: 10,
      day: 'x',
      at: 'y',
      tags: [1],
      on: 'true',
      locked: 'x',
      id: 'itm_1',
      nope: 1,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.details).sort()).toEqual(
      ['at', 'day', 'id', 'kind', 'locked', 'nope', 'on', 'price', 'qty', 'tags', 'title'].sort(),
    );
    expect(r.details['kind']).toBe('Must be one of: a, b');
    expect(r.details['qty']).toBe('Must be at most 9');
    expect(r.details['title']).toMatch(/required/);
  });

  it('update: empty is an error; only sent fields come back; null rules', () => {
    expect(validateInput(model, 'update', {})).toMatchObject({
      ok: false,
      details: { body: expect.any(String) },
    });
    expect(validateInput(model, 'update', { qty: 1 })).toEqual({ ok: true, data: { qty: 1 } });
    expect(validateInput(model, 'update', { qty: null })).toEqual({ ok: true, data: { qty: null } });
    expect(validateInput(model, 'update', { title: null, kind: null })).toMatchObject({
      ok: false,
      details: { title: expect.stringMatching(/null/), kind: expect.stringMatching(/null/) },
    });
  });
});
