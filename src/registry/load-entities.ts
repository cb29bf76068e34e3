import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RegistryError } from './resolve.js';
import type { EntityInput } from './types.js';

const ENTITY_FILE = /^[^.][\w-]*\.(ts|js|mjs)$/;

/** Every `entities/*.ts` default export, in file-name order. */
export async function loadEntities(dir: string): Promise<EntityInput[]> {
  const abs = resolve(dir);
  let files: string[];
  try {
    files = (await readdir(abs)).filter((f) => ENTITY_FILE.test(f) && !f.endsWith('.d.ts')).sort();
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (file) => {
      const mod = (await import(pathToFileURL(join(abs, file)).href)) as { default?: EntityInput };
      if (!mod.default?.name) throw new RegistryError(`${file}: default-export defineEntity({...})`);
      return mod.default;
    }),
  );
}
