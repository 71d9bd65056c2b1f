import { sql } from 'drizzle-orm';
import type { Database, RawTransaction } from '../platform/db/index.js';

export type UnitKind = 'province' | 'commune' | 'ward' | 'specialZone';

export interface Unit {
  id: number;
  code: string;
  kind: UnitKind;
  name: string;
  fullName: string;
  parentId: number | null;
  agencyCode: string;
  formerNames: string[];
  officeHours: unknown | null;
}

/** The People's Committee of a unit as written in running text: "Ủy ban nhân dân xã Tứ Mỹ", "Ủy ban nhân dân tỉnh Hà Tĩnh". */
export function peoplesCommitteeName(unitFullName: string): string {
  return `Ủy ban nhân dân ${unitFullName.charAt(0).toLocaleLowerCase('vi')}${unitFullName.slice(1)}`;
}

export interface UnitInput {
  code: string;
  kind: UnitKind;
  name: string;
  fullName: string;
  parentCode: string | null;
  agencyCode: string;
  formerNames: string[];
}

type UnitRow = {
  id: number; code: string; kind: UnitKind; name: string; full_name: string; parent_id: number | null;
  agency_code: string; former_names: string[]; office_hours: unknown | null;
};

const toUnit = (r: UnitRow): Unit => ({
  id: r.id, code: r.code, kind: r.kind, name: r.name, fullName: r.full_name, parentId: r.parent_id,
  agencyCode: r.agency_code, formerNames: r.former_names, officeHours: r.office_hours,
});

/** Inserts units (parents before children) or updates their names; codes are the official GSO codes. */
export async function upsertUnits(db: Database, units: UnitInput[]): Promise<void> {
  const ordered = [...units].sort((a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null));
  for (const u of ordered) {
    await db.rows(sql`insert into units (code, kind, name, full_name, parent_id, agency_code, former_names)
      values (${u.code}, ${u.kind}, ${u.name}, ${u.fullName},
              (select id from units where code = ${u.parentCode}), ${u.agencyCode}, ${sql.param(u.formerNames)}::text[])
      on conflict (code) do update set name = excluded.name, full_name = excluded.full_name,
        kind = excluded.kind, parent_id = excluded.parent_id, agency_code = excluded.agency_code, former_names = excluded.former_names`);
  }
}

export async function findUnitByCode(db: Database, code: string): Promise<Unit | null> {
  const rows = await db.rows<UnitRow>(sql`select * from units where code = ${code}`);
  return rows[0] ? toUnit(rows[0]) : null;
}

export async function findUnitById(db: Database, id: number): Promise<Unit | null> {
  const rows = await db.rows<UnitRow>(sql`select * from units where id = ${id}`);
  return rows[0] ? toUnit(rows[0]) : null;
}

/** A unit read inside the caller's transaction (work that runs while a dossier action holds its locks). */
export async function findUnitByIdIn(tx: RawTransaction, id: number): Promise<Unit | null> {
  const rows = await tx.query<UnitRow>('select * from units where id = $1', [id]);
  return rows[0] ? toUnit(rows[0]) : null;
}

export async function listUnitsByIds(db: Database, ids: number[]): Promise<Unit[]> {
  if (!ids.length) return [];
  const rows = await db.rows<UnitRow>(sql`select * from units where id = any(${sql.param(ids)}::int[]) order by kind, name`);
  return rows.map(toUnit);
}

/**
 * The units a grant reaches: the unit itself and, for a province, every unit under it.
 * Everything a staff member sees is scoped to these ids.
 */
export async function reachableUnitIds(db: Database, unitIds: number[]): Promise<number[]> {
  if (!unitIds.length) return [];
  const rows = await db.rows<{ id: number }>(sql`select id from units where id = any(${sql.param(unitIds)}::int[]) or parent_id = any(${sql.param(unitIds)}::int[])`);
  return rows.map((r) => r.id);
}
