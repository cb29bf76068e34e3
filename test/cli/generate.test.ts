import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_SEGMENTS } from '../../src/app.js';
import { usersEntity } from '../../src/auth/users-entity.js';
import { coreKitSchema, projectPaths } from '../../src/boot.js';
import { generateMigration } from '../../src/db/generate.js';
import { defineEntity, f } from '../../src/index.js';
import { loadEntities } from '../../src/registry/load-entities.js';
import { buildRegistry } from '../../src/registry/registry.js';

const tmp = mkdtempSync(join(tmpdir(), 'regis-gen-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const notes = defineEntity({
  name: 'notes',
  idPrefix: 'nte',
  fields: { body: f.text({ required: true }), kind: f.enum(['a', 'b'], { default: 'a' }) },
});

describe('SPEC §1: regis generate writes the next migration from the registry', () => {
  it('no change → nothing; an extra entity → a numbered file with its CREATE TABLE', async () => {
    const folder = join(tmp, 'migrations');
    cpSync(projectPaths().migrations, folder, { recursive: true });
    const before = readdirSync(folder).filter((n) => n.endsWith('.sql'));
    const project = await loadEntities(projectPaths().entities);
    const base = buildRegistry([usersEntity, ...project], { reservedNames: SYSTEM_SEGMENTS });
    const same = await generateMigration(coreKitSchema(base), folder, 'noop');
    expect(same.file).toBeNull();

    const withNotes = buildRegistry([usersEntity, ...project, notes], { reservedNames: SYSTEM_SEGMENTS });
    const result = await generateMigration(coreKitSchema(withNotes), folder, 'add notes');
    expect(result.file).toMatch(new RegExp(`${String(before.length).padStart(4, '0')}_add_notes\\.sql$`));
    const text = readFileSync(result.file!, 'utf8');
    expect(text).toContain('CREATE TABLE "notes"');
    expect(text).toMatch(/"body" text NOT NULL/);
    const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8'));
    expect(journal.entries.at(-1).tag).toBe(`${String(before.length).padStart(4, '0')}_add_notes`);
    const again = await generateMigration(coreKitSchema(withNotes), folder, 'again');
    expect(again.file).toBeNull();
  }, 60_000);
});
