import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineEntity, f } from '../../../src/registry/define-entity.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

const memos = defineEntity({
  name: 'blank_probe_memos',
  idPrefix: 'bpm',
  fields: {
    title: f.string({ required: true, max: 50 }),
    body: f.text({ required: true }),
    code: f.string({ required: true, allowBlank: true }),
    note: f.string(),
    tag: f.string({ required: true, default: 'x' }),
  },
});

let t: TestApp;
let auth: Record<string, string>;
const path = '/api/v1/blank_probe_memos';

beforeAll(async () => {
  t = await createTestApp({ entities: [memos] });
  auth = await (await t.signUp()).bearer();
});
afterAll(() => t.close());

const create = (json: Record<string, unknown>) => t.request(path, { method: 'POST', headers: auth, json });
const valid = { title: 'A', body: 'B', code: 'C' };

describe('§2 required strings refuse "" and whitespace-only values', () => {
  it.each([
    ['title', ''],
    ['title', '   '],
    ['body', '\n\t '],
    ['tag', ' '],
  ])('CREATE with %s = %j is 400 naming the field, and writes nothing', async (field, value) => {
    const res = await create({ ...valid, [field]: value });
    expect(res.status, res.text).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { [field]: 'Must not be blank' } });
    const list = await t.request(path, { headers: auth });
    expect(list.body.data.filter((r: { code: string }) => r.code === 'C')).toHaveLength(0);
  });

  it('an optional string, and a field with allowBlank, still accept blank values', async () => {
    const res = await create({ ...valid, code: '  ', note: '' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.data).toMatchObject({ code: '  ', note: '' });
  });

  it('UPDATE refuses a blank required field too, and leaves the record as it was', async () => {
    const made = await create({ ...valid, title: 'Keep me' });
    const id = made.body.data.id;
    const res = await t.request(`${path}/${id}`, { method: 'PATCH', headers: auth, json: { title: ' ' } });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual({ title: 'Must not be blank' });
    const read = await t.request(`${path}/${id}`, { headers: auth });
    expect(read.body.data.title).toBe('Keep me');
  });

  it('OPTIONS and OpenAPI show minLength 1 for the fields that refuse blanks', async () => {
    const meta = (await t.request(path, { method: 'OPTIONS', headers: auth })).body.data.schema;
    expect(meta.title.minLength).toBe(1);
    expect(meta.body.minLength).toBe(1);
    expect(meta.code.minLength).toBeUndefined();
    expect(meta.note.minLength).toBeUndefined();
    const doc = (await t.request('/api/v1/openapi.json')).body;
    const schema = Object.values(doc.components.schemas as Record<string, any>).find(
      (s) => s.properties?.code && s.properties?.tag && s.required?.includes('title'),
    );
    expect(schema.properties.title).toMatchObject({ minLength: 1, pattern: '\\S' });
    expect(schema.properties.code.minLength).toBeUndefined();
  });
});
