import type { RawTransaction } from '../db/index.js';

/** What a backup needs to know of one table: its columns to copy, identity columns to reset, and row order. */
export interface TableShape {
  name: string;
  /** Columns holding data (generated columns are computed again on restore). */
  columns: string[];
  identity: string[];
  primaryKey: string[];
}

/** Tables never copied: sign-in sessions are transient, and a restored installation starts with everyone signed out. */
const TRANSIENT = new Set(['schema_migrations', 'sessions']);

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The application's tables in an order where every table comes after the tables it references. */
export async function tableShapes(tx: RawTransaction): Promise<TableShape[]> {
  const tables = (await tx.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
  )).map((r) => r.name).filter((t) => !TRANSIENT.has(t));
  const columns = await tx.query<{ table_name: string; column_name: string; is_identity: string; is_generated: string }>(
    `select table_name, column_name, is_identity, is_generated from information_schema.columns
     where table_schema = current_schema() order by table_name, ordinal_position`,
  );
  const keys = await tx.query<{ table_name: string; column_name: string }>(
    `select t.relname as table_name, a.attname as column_name
     from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
     cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, pos)
     join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
     where i.indisprimary and n.nspname = current_schema() order by t.relname, k.pos`,
  );
  const references = await tx.query<{ child: string; parent: string }>(
    `select ch.relname as child, pa.relname as parent from pg_constraint c
     join pg_class ch on ch.oid = c.conrelid join pg_class pa on pa.oid = c.confrelid join pg_namespace n on n.oid = c.connamespace
     where c.contype = 'f' and n.nspname = current_schema()`,
  );
  const shapes = new Map(tables.map((name) => [name, { name, columns: [] as string[], identity: [] as string[], primaryKey: [] as string[] }]));
  for (const c of columns) {
    const s = shapes.get(c.table_name);
    if (!s || c.is_generated === 'ALWAYS') continue;
    s.columns.push(c.column_name);
    if (c.is_identity === 'YES') s.identity.push(c.column_name);
  }
  for (const k of keys) shapes.get(k.table_name)?.primaryKey.push(k.column_name);
  return dependencyOrder([...shapes.values()], references);
}

/** Topological order over foreign keys; a table referencing itself is allowed (its constraint is deferrable). */
function dependencyOrder(shapes: TableShape[], references: { child: string; parent: string }[]): TableShape[] {
  const byName = new Map(shapes.map((s) => [s.name, s]));
  const parents = new Map(shapes.map((s) => [s.name, new Set<string>()]));
  for (const r of references) if (r.child !== r.parent && byName.has(r.parent)) parents.get(r.child)?.add(r.parent);
  const ordered: TableShape[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`foreign keys form a cycle: ${[...path, name].join(' -> ')}`);
    state.set(name, 'visiting');
    for (const p of [...parents.get(name)!].sort()) visit(p, [...path, name]);
    state.set(name, 'done');
    ordered.push(byName.get(name)!);
  };
  for (const s of shapes) visit(s.name, []);
  return ordered;
}
