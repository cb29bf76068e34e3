import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
/** What plugins and entities may import of the framework: its two public entries. */
const PUBLIC = new Set(['regis', 'regis/plugin']);
const PUBLIC_FILES = new Set([join(SRC, 'index.ts'), join(SRC, 'plugin.ts')]);

/** Every module specifier in a file: imports, re-exports, dynamic imports and `declare module`. */
function specifiers(text: string): string[] {
  const re = /(?:\bfrom\s*|\bimport\s*\(?\s*|\bdeclare\s+module\s+)['"]([^'"]+)['"]/g;
  return [...text.matchAll(re)].map((m) => m[1]!);
}

/** Why `spec`, imported by `file`, breaks the rule; undefined when it is allowed. */
function violation(file: string, spec: string): string | undefined {
  if (spec.startsWith('.')) {
    const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
    if (!target.startsWith(`${SRC}/`) || PUBLIC_FILES.has(target)) return undefined;
    return `${spec} is inside src/; import 'regis' or 'regis/plugin' instead`;
  }
  if (spec.startsWith('regis/') && !PUBLIC.has(spec)) return `${spec} is not a public entry`;
  return undefined;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(ts|mts|js|mjs)$/.test(d.name))
    .map((d) => join(d.parentPath, d.name));
}

function violations(dir: string): string[] {
  return filesUnder(join(ROOT, dir)).flatMap((file) =>
    specifiers(readFileSync(file, 'utf8')).flatMap((spec) => {
      const why = violation(file, spec);
      return why ? [`${relative(ROOT, file)}: ${why}`] : [];
    }),
  );
}

describe('plugins reach the framework only through its public entries (issue 12)', () => {
  it.each(['plugins', 'entities', 'test/fixtures/plugins'])('%s/ imports nothing else under src/', (dir) => {
    expect(violations(dir)).toEqual([]);
  });

  it('the rule catches deep imports, re-exports, dynamic imports and augmentations of internals', () => {
    const file = join(ROOT, 'plugins/x/index.ts');
    const text = [
      "import { ok } from '../../src/http/envelope.js';",
      "export { newId } from '../../src/crud/ids.js';",
      "const m = await import('../../src/db/client.js');",
      "declare module '../../src/plugins/context.js' {}",
      "import type { X } from 'regis/internal';",
      "import { definePlugin } from 'regis/plugin';",
      "import { f } from '../../src/index.js';",
      "import { z } from '@hono/zod-openapi';",
      "import { money } from '../credits/routes.js';",
    ].join('\n');
    const found = specifiers(text).filter((s) => violation(file, s));
    expect(found).toEqual([
      '../../src/http/envelope.js',
      '../../src/crud/ids.js',
      '../../src/db/client.js',
      '../../src/plugins/context.js',
      'regis/internal',
    ]);
  });
});
