import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineEntity, f } from '../../src/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const notes = defineEntity({
  name: 'notes',
  idPrefix: 'nte',
  label: { singular: 'Note', plural: 'Notes' },
  fields: { body: f.text({ required: true }), pinned: f.boolean({ default: false }) },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ entities: [notes] });
});
afterAll(() => t.close());

describe('SPEC §5: GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const res = await t.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("lists every entity's paths (an added entity too) and the system routes", async () => {
    const doc = (await t.request('/api/v1/openapi.json')).body;
    for (const name of t.registry.entities.keys()) {
      const model = t.registry.get(name)!;
      const coll = doc.paths[`/api/v1/${name}`];
      const item = doc.paths[`/api/v1/${name}/{id}`];
      expect(coll, name).toBeDefined();
      expect(item, name).toBeDefined();
      if (model.operations.has('list')) expect(coll.get, name).toBeDefined();
      if (model.operations.has('create')) expect(coll.post, name).toBeDefined();
      if (model.operations.has('update')) expect(item.patch, name).toBeDefined();
      if (model.operations.has('delete')) expect(item.delete, name).toBeDefined();
    }
    expect(doc.paths['/api/v1/notes'].post).toBeDefined();
    expect(doc.paths['/api/v1/users'].post).toBeUndefined();
    expect(doc.components.schemas.NoteCreate).toBeDefined();
    expect(doc.paths['/api/health']).toBeDefined();
  });

  it('the create schema matches the entity (required fields, enums, no generated fields)', async () => {
    const doc = (await t.request('/api/v1/openapi.json')).body;
    const create = doc.components.schemas.TaskCreate;
    expect(create.required).toEqual(['title']);
    expect(create.properties.title.maxLength).toBe(200);
    expect(create.properties.status.enum ?? create.properties.status.anyOf).toBeDefined();
    expect(create.properties.id).toBeUndefined();
    expect(create.additionalProperties).toBe(false);
  });
});
