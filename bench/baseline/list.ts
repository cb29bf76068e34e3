import type { Context } from 'hono';
import type { Fragment, Sql } from 'postgres';
import { COLUMNS } from './tasks.js';

type Row = Record<string, unknown>;

const encodeCursor = (row: Row) =>
  Buffer.from(JSON.stringify([(row['createdAt'] as Date).toISOString(), row['id']])).toString('base64url');
const decodeCursor = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString()) as [string, string];

/** The planner's row estimate for the same WHERE (what count=estimated means). */
async function estimate(sql: Sql, where: Fragment): Promise<number> {
  const [plan] = await sql`explain (format json) select 1 from tasks where ${where}`;
  const json = (plan as Row)['QUERY PLAN'] as { Plan: { 'Plan Rows': number } }[];
  return json[0]?.Plan['Plan Rows'] ?? 0;
}

async function counted(sql: Sql, where: Fragment, mode: string): Promise<number | null> {
  if (mode === 'none') return null;
  if (mode === 'estimated') return estimate(sql, where);
  const [row] = await sql`select count(*)::int as n from tasks where ${where}`;
  return (row as Row)['n'] as number;
}

/** The LIST scenarios of the bench, written by hand: page + count in parallel, keyset cursor, search. */
export async function listTasks(c: Context, sql: Sql, ownerId: string) {
  const q = c.req.query();
  const page = Number(q['page'] ?? 1);
  const limit = Number(q['limit'] ?? 20);
  const status = q['filter'] ? (JSON.parse(q['filter']) as { status?: string }).status : undefined;
  const search = q['search'];
  const tsq = sql`websearch_to_tsquery('english', ${search ?? ''})`;
  const where = sql`owner_id = ${ownerId}
    ${status ? sql`and status = ${status}` : sql``}
    ${search ? sql`and search_vector @@ ${tsq}` : sql``}`;
  let order = sql`created_at desc, id desc`;
  if (q['sort'] === '-priority') order = sql`priority desc, id desc`;
  else if (search && !q['sort']) order = sql`ts_rank(search_vector, ${tsq}) desc, id asc`;
  const [after, afterId] = q['cursor'] ? decodeCursor(q['cursor']) : [];
  const keyset = after ? sql`and (created_at, id) < (${after}::timestamptz, ${afterId ?? ''})` : sql``;
  const offset = after ? 0 : (page - 1) * limit;
  const [rows, total] = await Promise.all([
    sql<Row[]>`select ${sql.unsafe(COLUMNS)} from tasks where ${where} ${keyset}
      order by ${order} limit ${limit} offset ${offset}`,
    counted(sql, where, q['count'] ?? 'exact'),
  ]);
  if (q['include'] === 'assignee') await embedAssignees(sql, rows);
  const last = rows.length === limit ? rows[rows.length - 1] : undefined;
  const totalPages = total === null ? null : Math.ceil(total / limit);
  return c.json({
    success: true,
    data: rows,
    pagination: {
      page,
      limit,
      total,
      totalPages,
      hasNext: last !== undefined,
      hasPrev: page > 1 || Boolean(after),
      nextCursor: last ? encodeCursor(last) : null,
    },
  });
}

async function embedAssignees(sql: Sql, rows: Row[]): Promise<void> {
  const ids = [
    ...new Set(rows.map((r) => r['assigneeId']).filter((v): v is string => typeof v === 'string')),
  ];
  const users = ids.length
    ? await sql<Row[]>`select id, name, email, created_at as "createdAt", updated_at as "updatedAt"
        from "user" where id = any(${ids})`
    : [];
  const byId = new Map(users.map((u) => [u['id'], u]));
  for (const r of rows) r['assignee'] = byId.get(r['assigneeId']) ?? null;
}
