import { PgDialect } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry, projectPaths } from '../../src/boot.js';
import { cursorBinding, decodeCursor, encodeCursor } from '../../src/query/cursor.js';
import { parseDateRange } from '../../src/query/date-range.js';
import { compileFilter, parseFilterParam } from '../../src/query/filter.js';
import { keysetWhere } from '../../src/query/keyset.js';
import { orderTermsOf, parseSort } from '../../src/query/sort.js';
import type { BuiltEntity } from '../../src/registry/model.js';
import type { Registry } from '../../src/registry/registry.js';

const dialect = new PgDialect();
let registry: Registry;
let tasks: BuiltEntity;

beforeAll(async () => {
  registry = await loadRegistry(projectPaths());
  tasks = registry.get('tasks')!;
});

describe('filter compiler: values only ever as bound parameters', () => {
  it('puts hostile values in params, never in the SQL text', () => {
    const evil = "x'); drop table tasks; --";
    const where = compileFilter(tasks, { $or: [{ title: evil }, { title: { $contains: evil } }] })!;
    const { sql, params } = dialect.sqlToQuery(where);
    expect(sql).not.toContain('drop');
    expect(params).toContain(evil);
    expect(params).toContain(`%${evil}%`);
  });
  it('escapes LIKE wildcards', () => {
    const { params } = dialect.sqlToQuery(compileFilter(tasks, { title: { $startsWith: '50%_\\' } })!);
    expect(params).toEqual(['50\\%\\_\\\\%']);
  });
  it('a relation path is an EXISTS that applies the target scope', () => {
    const where = parseFilterParam(tasks, JSON.stringify({ 'assignee.email': 'a@b.example' }), {
      lookup: registry.get,
      relationScope: () => undefined,
    }).where!;
    expect(dialect.sqlToQuery(where).sql).toMatch(/^exists \(select 1 from "user" where/);
    const denied = parseFilterParam(tasks, JSON.stringify({ 'assignee.email': 'a@b.example' }), {
      lookup: registry.get,
    }).where!;
    expect(dialect.sqlToQuery(denied).sql).toBe('false');
  });
  it('is canonical for cursor binding', () => {
    expect(parseFilterParam(tasks, '{ "status" : "todo" }').canonical).toBe('{"status":"todo"}');
  });
});

describe('keyset predicate', () => {
  const values = (n: number) => Array.from({ length: n }, (_, i) => (i === n - 1 ? 'tsk_x' : 'v'));
  it('one direction over NOT NULL keys is a row comparison (one index range)', () => {
    const terms = orderTermsOf(tasks, parseSort(tasks, undefined, undefined));
    const { sql } = dialect.sqlToQuery(keysetWhere(terms, [new Date(0), 'tsk_x']));
    expect(sql).toBe('("tasks"."created_at", "tasks"."id") < ($1, $2)');
  });
  it('mixed directions expand to OR branches with a leading bound', () => {
    const terms = orderTermsOf(tasks, parseSort(tasks, '-priority,title', undefined));
    const { sql } = dialect.sqlToQuery(keysetWhere(terms, values(3)));
    expect(sql).toContain('"tasks"."priority" <= $1');
    expect(sql).toContain(' or ');
  });
  it('NULL cursor values on nullable keys use IS NULL / IS NOT NULL', () => {
    const terms = orderTermsOf(tasks, parseSort(tasks, 'dueDate', undefined));
    expect(dialect.sqlToQuery(keysetWhere(terms, [null, 'tsk_x'])).sql).toContain(
      '"tasks"."due_date" is null',
    );
    const desc = orderTermsOf(tasks, parseSort(tasks, '-dueDate', undefined));
    expect(dialect.sqlToQuery(keysetWhere(desc, [null, 'tsk_x'])).sql).toContain('is not null');
  });
});

describe('cursor tokens', () => {
  const key = 'k1';
  const b = cursorBinding(['tasks', 'x']);
  it('round-trips dates, numbers, strings and nulls', () => {
    const token = encodeCursor(key, b, { page: 3, values: [new Date(5), 1.5, 'a', null, true] });
    expect(decodeCursor(key, b, token, 5)).toEqual({ page: 3, values: [new Date(5), 1.5, 'a', null, true] });
  });
  it('rejects another key, binding or key count', () => {
    const token = encodeCursor(key, b, { page: 2, values: ['a'] });
    expect(() => decodeCursor('k2', b, token, 1)).toThrow(/not issued/);
    expect(() => decodeCursor(key, cursorBinding(['tasks', 'y']), token, 1)).toThrow(/another sort/);
    expect(() => decodeCursor(key, b, token, 2)).toThrow(/Malformed/);
  });
});

describe('date range', () => {
  it('bare dates are whole UTC days; datetimes are instants; no offset means UTC', () => {
    expect(parseDateRange('2025-01-15', '2025-01-15')).toEqual({
      from: new Date('2025-01-15T00:00:00.000Z'),
      before: new Date('2025-01-16T00:00:00.000Z'),
    });
    expect(parseDateRange('2025-01-15T10:00', '2025-01-15T12:00:00+02:00')).toEqual({
      from: new Date('2025-01-15T10:00:00.000Z'),
      before: new Date('2025-01-15T10:00:00.001Z'),
    });
  });
  it.each([['2025-13-01'], ['2025-02-29'], ['2025-01-01T24:00'], ['20250101'], ['2025-01-01 10:00']])(
    '%s is invalid',
    (d) => {
      expect(() => parseDateRange(d, undefined)).toThrow();
    },
  );
});
