import type { Hono } from 'hono';
import type { Sql } from 'postgres';
import { listTasks } from './list.js';

export const COLUMNS = `id, title, description, status, priority,
  assignee_id as "assigneeId", due_date::text as "dueDate", created_at as "createdAt",
  updated_at as "updatedAt"`;

const STATUSES = new Set(['todo', 'in_progress', 'completed']);
const PRIORITIES = new Set(['low', 'medium', 'high']);
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  let out = 'tsk_';
  for (const b of bytes) out += ALPHABET[b % 62];
  return out;
}

type Body = Record<string, unknown>;

/** Hand validation: what a careful hand-written handler checks, no schema library. */
function invalid(body: Body, creating: boolean): string | null {
  if (creating && typeof body['title'] !== 'string') return 'title is required';
  if (body['title'] !== undefined && (typeof body['title'] !== 'string' || body['title'].length > 200)) {
    return 'title must be a string of at most 200 characters';
  }
  if (body['status'] !== undefined && !STATUSES.has(String(body['status']))) return 'bad status';
  if (body['priority'] !== undefined && !PRIORITIES.has(String(body['priority']))) return 'bad priority';
  return null;
}

export function mountTaskRoutes(app: Hono, sql: Sql, ownerId: string): void {
  const cols = sql.unsafe(COLUMNS);
  app.get('/api/v1/tasks', (c) => listTasks(c, sql, ownerId));
  app.get('/api/v1/tasks/:id', async (c) => {
    const [row] =
      await sql`select ${cols} from tasks where id = ${c.req.param('id')} and owner_id = ${ownerId}`;
    if (!row) return c.json({ success: false, error: 'Task not found', code: 'NOT_FOUND' }, 404);
    return c.json({ success: true, data: row });
  });
  app.post('/api/v1/tasks', async (c) => {
    const body = (await c.req.json()) as Body;
    const error = invalid(body, true);
    if (error) return c.json({ success: false, error, code: 'VALIDATION_FAILED' }, 400);
    const [row] = await sql`insert into tasks (id, owner_id, title, description, status, priority)
      values (${newId()}, ${ownerId}, ${String(body['title'])}, ${(body['description'] as string) ?? null},
        ${(body['status'] as string) ?? 'todo'}, ${(body['priority'] as string) ?? 'medium'})
      returning ${cols}`;
    return c.json({ success: true, data: row }, 201);
  });
  app.patch('/api/v1/tasks/:id', async (c) => {
    const body = (await c.req.json()) as Body;
    const error = invalid(body, false);
    if (error) return c.json({ success: false, error, code: 'VALIDATION_FAILED' }, 400);
    const [row] = await sql`update tasks set
        status = coalesce(${(body['status'] as string) ?? null}::tasks_status, status),
        title = coalesce(${(body['title'] as string) ?? null}, title), updated_at = now()
      where id = ${c.req.param('id')} and owner_id = ${ownerId} returning ${cols}`;
    if (!row) return c.json({ success: false, error: 'Task not found', code: 'NOT_FOUND' }, 404);
    return c.json({ success: true, data: row });
  });
}
