import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import type { RoleGrant, StaffRole } from '../platform/http/index.js';
import { hashPassword } from './passwords.js';

export interface UserRecord {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  accountType: 'citizen' | 'staff';
  passwordHash: string;
  isActive: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
}

type UserRow = {
  id: number; username: string; full_name: string; email: string | null; account_type: 'citizen' | 'staff';
  password_hash: string; is_active: boolean; failed_logins: number; locked_until: Date | string | null;
};

const toUser = (r: UserRow): UserRecord => ({
  id: r.id, username: r.username, fullName: r.full_name, email: r.email, accountType: r.account_type,
  passwordHash: r.password_hash, isActive: r.is_active, failedLogins: r.failed_logins,
  lockedUntil: r.locked_until ? new Date(r.locked_until) : null,
});

export interface NewUser {
  username: string;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  password: string;
  accountType: 'citizen' | 'staff';
  grants?: Array<{ unitId: number; role: StaffRole }>;
}

export async function createUser(db: Database, u: NewUser): Promise<number> {
  const passwordHash = await hashPassword(u.password);
  const rows = await db.rows<{ id: number }>(sql`insert into users (username, full_name, email, phone, account_type, password_hash)
    values (${u.username.normalize('NFC')}, ${u.fullName.normalize('NFC')}, ${u.email ?? null}, ${u.phone ?? null}, ${u.accountType}, ${passwordHash}) returning id`);
  const id = rows[0]!.id;
  for (const g of u.grants ?? []) {
    await db.rows(sql`insert into user_roles (user_id, unit_id, role) values (${id}, ${g.unitId}, ${g.role}) on conflict do nothing`);
  }
  return id;
}

export async function findUserByUsername(db: Database, username: string): Promise<UserRecord | null> {
  const rows = await db.rows<UserRow>(sql`select * from users where lower(username) = lower(${username.normalize('NFC')})`);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserById(db: Database, id: number): Promise<UserRecord | null> {
  const rows = await db.rows<UserRow>(sql`select * from users where id = ${id}`);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function grantsOf(db: Database, userId: number): Promise<RoleGrant[]> {
  return db.rows<{ unitId: number; role: StaffRole }>(
    sql`select unit_id as "unitId", role from user_roles where user_id = ${userId} order by unit_id, role`,
  );
}

export async function setPassword(db: Database, userId: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.rows(sql`update users set password_hash = ${passwordHash}, password_changed_at = now(), failed_logins = 0, locked_until = null where id = ${userId}`);
}

export async function recordLoginFailure(db: Database, userId: number, maxFailures: number, lockMinutes: number): Promise<{ locked: boolean }> {
  const rows = await db.rows<{ failed_logins: number; locked_until: string | null }>(sql`update users set
      failed_logins = failed_logins + 1,
      locked_until = case when failed_logins + 1 >= ${maxFailures} then now() + make_interval(mins => ${lockMinutes}) else locked_until end
    where id = ${userId} returning failed_logins, locked_until`);
  return { locked: !!rows[0]?.locked_until };
}

export async function recordLoginSuccess(db: Database, userId: number): Promise<void> {
  await db.rows(sql`update users set failed_logins = 0, locked_until = null where id = ${userId}`);
}

export async function countUsers(db: Database): Promise<number> {
  const rows = await db.rows<{ n: number }>(sql`select count(*)::int as n from users`);
  return rows[0]?.n ?? 0;
}
