/**
 * What the two demo generators share: the deterministic random source, applicants, working days, the procedures
 * of the catalogue, and the officers who act in a unit (created for the demo when the unit has none).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import type { Principal, StaffRole } from '../platform/http/index.js';
import { vnDate } from '../platform/clock.js';
import { foldDiacritics } from '../platform/i18n/text.js';
import { searchProcedures, type ProcedureVersion } from '../catalog/index.js';
import { createUser, DEMO_PASSWORD, findUserByUsername, principalByUsername, type Unit } from '../identity/index.js';
import type { WorkingCalendar } from '../calendar/index.js';

export const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Thị Thu', 'Minh', 'Ngọc', 'Quốc', 'Thanh', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Hải', 'Hoà', 'Hùng', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vân', 'Yến'];
const HAMLETS = ['Thôn 1', 'Thôn 2', 'Thôn 3', 'Thôn Mỹ Lạc', 'Thôn Tân Hà', 'Thôn Châu Phong', 'Thôn Bình Yên'];
const STREETS = ['Tổ dân phố 1', 'Tổ dân phố 2', 'Tổ dân phố 3', 'Tổ dân phố 4', 'Tổ dân phố Trung Tiến', 'Tổ dân phố Tân Học', 'Tổ dân phố Nam Hà'];

export type Random = ReturnType<typeof random>;

/** Small deterministic generator (mulberry32) so a seed gives the same data every time. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

export interface DemoApplicant {
  fullName: string;
  idNumber: string;
  phone: string;
  address: string;
  email: string;
}

/** A resident of `place` ("xã Tứ Mỹ"; a ward's residents live in residential groups rather than villages). */
export function demoApplicant(rnd: Random, place: string): DemoApplicant {
  return {
    fullName: `${rnd.pick(FAMILY)} ${rnd.pick(MIDDLE)} ${rnd.pick(GIVEN)}`,
    idNumber: `042${rnd.int(0, 1) ? '0' : '1'}${String(rnd.int(60, 99))}${String(rnd.int(0, 999999)).padStart(6, '0')}`,
    phone: `09${String(rnd.int(10_000_000, 99_999_999))}`,
    address: `${rnd.pick(place.startsWith('phường') ? STREETS : HAMLETS)}, ${place}`,
    email: '',
  };
}

/** "xã Tứ Mỹ" from "Xã Tứ Mỹ", as written inside an address. */
export const placeName = (unit: Pick<Unit, 'fullName'>) => `${unit.fullName.charAt(0).toLocaleLowerCase('vi')}${unit.fullName.slice(1)}`;

/** Working days of `year` up to the day of `until` (YYYY-MM-DD, Vietnam time). */
export function workingDays(calendar: WorkingCalendar, year: number, until: Date): string[] {
  const out: string[] = [];
  const last = vnDate(until);
  for (let t = Date.UTC(year, 0, 1); ; t += 86_400_000) {
    const iso = new Date(t).toISOString().slice(0, 10);
    if (!iso.startsWith(String(year)) || iso > last) break;
    if (calendar.isWorkingDay(iso)) out.push(iso);
  }
  return out;
}

/** Procedures the commune's one-stop shop receives (the police's own procedures excluded), in force on `onDate`. */
export async function demoProcedures(db: Database, onDate: string): Promise<ProcedureVersion[]> {
  const procedures = (await searchProcedures(db, { onDate, limit: 1000, offset: 0 })).items.filter((p) => p.competentBody !== 'Công an cấp xã');
  if (!procedures.length) throw new Error('Danh mục thủ tục trống.');
  return procedures;
}

export interface Cast {
  resident: Principal;
  receptionist: Principal;
  specialist: Principal;
  leader: Principal;
}

const DEMO_STAFF: Array<{ role: StaffRole; suffix: string; name: string }> = [
  { role: 'receptionist', suffix: 'tiepnhan', name: 'Thị Tiếp Nhận' },
  { role: 'specialist', suffix: 'chuyenvien', name: 'Văn Chuyên Viên' },
  { role: 'leader', suffix: 'lanhdao', name: 'Văn Lãnh Đạo' },
];

/**
 * Who acts on a unit's demo dossiers: the citizen account `congdan` and the first receptionist, specialist and leader
 * of the unit. A unit without one gets a demo account (`<unit name>.tiepnhan`, …, password DEMO_PASSWORD).
 */
export async function demoCast(db: Database, unit: Pick<Unit, 'id' | 'code' | 'name'>): Promise<Cast> {
  const resident = await principalByUsername(db, 'congdan');
  if (!resident) throw new Error('Thiếu tài khoản mẫu congdan; hãy chạy "xaso seed" trước.');
  const staff = {} as Record<StaffRole, Principal>;
  for (const [i, s] of DEMO_STAFF.entries()) {
    const found = await db.rows<{ username: string }>(sql`select u.username from user_roles r join users u on u.id = r.user_id
      where r.unit_id = ${unit.id} and r.role = ${s.role} and u.is_active order by u.id limit 1`);
    let username = found[0]?.username;
    if (!username) {
      username = `${foldDiacritics(unit.name).replace(/[^a-z0-9]/g, '')}.${s.suffix}`;
      const existing = await findUserByUsername(db, username);
      if (existing) await db.rows(sql`insert into user_roles (user_id, unit_id, role) values (${existing.id}, ${unit.id}, ${s.role}) on conflict do nothing`);
      else await createUser(db, { username, fullName: `${FAMILY[(Number(unit.code) + i) % FAMILY.length]} ${s.name}`, password: DEMO_PASSWORD, accountType: 'staff', grants: [{ unitId: unit.id, role: s.role }] });
    }
    staff[s.role] = (await principalByUsername(db, username))!;
  }
  return { resident, receptionist: staff.receptionist, specialist: staff.specialist, leader: staff.leader };
}
