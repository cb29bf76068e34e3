import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface JournalEntry {
  idx: number;
  version: string;
  when: number;
  tag: string;
  breakpoints: boolean;
}
interface Journal {
  version: string;
  dialect: string;
  entries: JournalEntry[];
}

export interface GenerateResult {
  file: string | null;
  statements: string[];
}

/**
 * drizzle-kit's generate, fed with tables built at run time (its CLI only sees top-level exports):
 * diffs the last snapshot against the registry and writes the SQL, snapshot and journal exactly
 * as `drizzle-kit generate` does, so drizzle's migrator applies them.
 */
export async function generateMigration(
  schema: Record<string, unknown>,
  folder: string,
  name = 'migration',
): Promise<GenerateResult> {
  const kit = await import('drizzle-kit/api');
  const meta = join(folder, 'meta');
  mkdirSync(meta, { recursive: true });
  const journalPath = join(meta, '_journal.json');
  const journal: Journal = existsSync(journalPath)
    ? JSON.parse(readFileSync(journalPath, 'utf8'))
    : { version: '7', dialect: 'postgresql', entries: [] };
  const last = journal.entries.at(-1);
  const prev = last
    ? JSON.parse(readFileSync(join(meta, `${String(last.idx).padStart(4, '0')}_snapshot.json`), 'utf8'))
    : kit.generateDrizzleJson({});
  const next = kit.generateDrizzleJson(schema, prev.id);
  const statements = await kit.generateMigration(prev, next);
  if (statements.length === 0) return { file: null, statements };
  const idx = journal.entries.length;
  const tag = `${String(idx).padStart(4, '0')}_${name.replace(/[^a-z0-9_]/gi, '_')}`;
  writeFileSync(join(folder, `${tag}.sql`), `${statements.join('\n--> statement-breakpoint\n')}\n`);
  writeFileSync(
    join(meta, `${String(idx).padStart(4, '0')}_snapshot.json`),
    `${JSON.stringify(next, null, 2)}\n`,
  );
  journal.entries.push({ idx, version: '7', when: Date.now(), tag, breakpoints: true });
  writeFileSync(journalPath, `${JSON.stringify(journal, null, 2)}\n`);
  return { file: join(folder, `${tag}.sql`), statements };
}
