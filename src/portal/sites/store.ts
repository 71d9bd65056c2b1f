import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import type { SiteInfo } from '../../web/context.js';
import { ensurePortalDefaults } from '../defaults.js';

const HOST_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A host name as the sites table keeps it: lower case, without port or trailing dot; null when it is not one. */
export function normalHost(input: string): string | null {
  const host = input.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  return host.length <= 253 && HOST_NAME.test(host) ? host : null;
}

/** Every website of the installation with its unit's names, by unit code. */
export async function listSites(db: Database): Promise<SiteInfo[]> {
  const rows = await db.rows(sql`select u.id, u.code, u.full_name, u.former_names, p.full_name as parent_name, s.host
    from sites s join units u on u.id = s.unit_id left join units p on p.id = u.parent_id order by u.code`);
  return rows.map((r) => ({
    unitId: Number(r.id), code: String(r.code), name: String(r.full_name), parentName: r.parent_name == null ? null : String(r.parent_name),
    formerNames: (r.former_names as string[] | null) ?? [], host: r.host == null ? null : String(r.host),
  }));
}

export class SiteError extends Error {}

/**
 * Opens the website of the unit `unitCode` with its default categories and mandatory pages (idempotent) and sets
 * its host name (`undefined` keeps the current one, null removes it). Returns the unit's id.
 */
export async function saveSite(db: Database, unitCode: string, host?: string | null): Promise<number> {
  const unit = (await db.rows(sql`select id, kind from units where code = ${unitCode}`))[0];
  if (!unit) throw new SiteError(`Không có đơn vị mã ${unitCode}.`);
  const normal = host == null ? null : normalHost(host);
  if (host != null && !normal) throw new SiteError(`Tên miền không hợp lệ: ${host}`);
  const taken = normal ? (await db.rows(sql`select unit_id from sites where host = ${normal} and unit_id <> ${unit.id}`))[0] : undefined;
  if (taken) throw new SiteError(`Tên miền ${normal} đã dùng cho trang của đơn vị khác.`);
  await (host === undefined
    ? db.rows(sql`insert into sites (unit_id) values (${unit.id}) on conflict (unit_id) do nothing`)
    : db.rows(sql`insert into sites (unit_id, host) values (${unit.id}, ${normal}) on conflict (unit_id) do update set host = excluded.host`));
  await ensurePortalDefaults(db, Number(unit.id));
  return Number(unit.id);
}
