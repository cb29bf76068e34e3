import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Database } from './client.js';

export interface MigrationSet {
  folder: string;
  /** Journal table; each plugin keeps its own so their histories never interleave. */
  table?: string;
}

/** Applies committed drizzle-kit migrations (never a schema push), in order. */
export async function runMigrations(database: Database, sets: readonly MigrationSet[]): Promise<void> {
  for (const set of sets) {
    const config = { migrationsFolder: set.folder, migrationsTable: set.table ?? '__drizzle_migrations' };
    // Both migrators take the driver's own database type; ours is the common supertype.
    if (database.kind === 'postgres') await migratePostgres(database.db as never, config);
    else await migratePglite(database.db as never, config);
  }
}
