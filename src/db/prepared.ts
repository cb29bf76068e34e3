/**
 * Built-once statements for hot paths. Building a query with drizzle (walking its SQL tree into
 * text + params) cost about a quarter of the CPU of a READ in the benchmark; a prepared query with
 * placeholders is built once per database handle and shape, then only executed.
 */
export interface Executable<T> {
  execute(values: Record<string, unknown>): Promise<T>;
}

const byHandle = new WeakMap<object, Map<string, Executable<unknown>>>();
let counter = 0;
const MAX_SHAPES = 1000;

/**
 * The statement `key` on `db`, built by `build(name)` on first use. `key` must name everything the
 * statement's text depends on (entity, shape); values go in as placeholders at execute time.
 */
export function preparedOn<T>(
  db: object,
  key: string,
  build: (name: string) => Executable<T>,
): Executable<T> {
  let statements = byHandle.get(db);
  if (!statements) {
    statements = new Map();
    byHandle.set(db, statements);
  }
  let found = statements.get(key) as Executable<T> | undefined;
  if (!found) {
    found = build(`regis_${++counter}`);
    // Shapes come from the registry (entities × column sets), but stay bounded whatever happens.
    if (statements.size < MAX_SHAPES) statements.set(key, found as Executable<unknown>);
  }
  return found;
}
