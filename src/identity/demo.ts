import type { Database } from '../platform/db/index.js';
import type { StaffRole } from '../platform/http/index.js';
import { seedUnits } from './seed/index.js';
import { findUnitByCode, upsertUnits } from './units.js';
import { createUser, findUserByUsername } from './users.js';

export const DEMO_PASSWORD = 'XaSo-demo-2026';
export const DEMO_PROVINCE_CODE = '42'; // Tỉnh Hà Tĩnh
export const DEMO_COMMUNE_CODE = '18202'; // Xã Tứ Mỹ (former Sơn Châu)
export const DEMO_SECOND_COMMUNE_CODE = '18073'; // Phường Thành Sen

/** Demo accounts: one per role, documented in README. */
export const DEMO_USERS: Array<{ username: string; fullName: string; unitCode: string | null; role: StaffRole | null }> = [
  { username: 'tinh.quantri', fullName: 'Trần Thị Quản Trị Tỉnh', unitCode: DEMO_PROVINCE_CODE, role: 'provinceAdmin' },
  { username: 'tumy.quantri', fullName: 'Lê Văn Quản Trị', unitCode: DEMO_COMMUNE_CODE, role: 'unitAdmin' },
  { username: 'tumy.tiepnhan', fullName: 'Nguyễn Thị Tiếp Nhận', unitCode: DEMO_COMMUNE_CODE, role: 'receptionist' },
  { username: 'tumy.chuyenvien', fullName: 'Phạm Văn Chuyên Viên', unitCode: DEMO_COMMUNE_CODE, role: 'specialist' },
  { username: 'tumy.lanhdao', fullName: 'Hoàng Văn Lãnh Đạo', unitCode: DEMO_COMMUNE_CODE, role: 'leader' },
  { username: 'tumy.vanthu', fullName: 'Đặng Thị Văn Thư', unitCode: DEMO_COMMUNE_CODE, role: 'clerk' },
  { username: 'tumy.bientap', fullName: 'Võ Thị Biên Tập', unitCode: DEMO_COMMUNE_CODE, role: 'editor' },
  { username: 'thanhsen.tiepnhan', fullName: 'Bùi Văn Tiếp Nhận', unitCode: DEMO_SECOND_COMMUNE_CODE, role: 'receptionist' },
  { username: 'thanhsen.bientap', fullName: 'Trương Thị Biên Tập', unitCode: DEMO_SECOND_COMMUNE_CODE, role: 'editor' },
  { username: 'congdan', fullName: 'Nguyễn Văn An', unitCode: null, role: null },
];

/** Seeds the province and its communes (idempotent). */
export async function seedUnitsData(db: Database): Promise<void> {
  await upsertUnits(
    db,
    seedUnits.map((u) => ({
      code: u.code,
      kind: u.kind,
      name: u.name,
      fullName: u.fullName,
      parentCode: u.parentCode,
      agencyCode: u.agencyCode,
      formerNames: u.formerNames,
    })),
  );
}

/** Creates the demo accounts that do not exist yet. */
export async function seedDemoUsers(db: Database): Promise<void> {
  for (const u of DEMO_USERS) {
    if (await findUserByUsername(db, u.username)) continue;
    const unit = u.unitCode ? await findUnitByCode(db, u.unitCode) : null;
    await createUser(db, {
      username: u.username,
      fullName: u.fullName,
      password: DEMO_PASSWORD,
      accountType: u.role ? 'staff' : 'citizen',
      grants: u.role && unit ? [{ unitId: unit.id, role: u.role }] : [],
    });
  }
}
