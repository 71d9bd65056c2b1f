import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { conflict } from '../platform/http/index.js';
import { createWorkingCalendar, type DayOff, type OfficeHours, type UnitCalendarOverrides, type WorkingCalendar } from '../calendar/index.js';

export interface LocalDay {
  unitId: number;
  unitName: string;
  date: string;
  kind: 'dayOff' | 'makeUpWorkday';
  name: string;
}

/** Local days of a unit and of its province (a province's local days apply to all its communes). */
export async function localDaysOf(db: Database, unitId: number): Promise<LocalDay[]> {
  return db.rows<LocalDay & Record<string, unknown>>(sql`
    select d.unit_id as "unitId", u.full_name as "unitName", to_char(d.date, 'YYYY-MM-DD') as date, d.kind, d.name
    from calendar_days d join units u on u.id = d.unit_id
    where d.unit_id = ${unitId} or d.unit_id = (select parent_id from units where id = ${unitId})
    order by d.date`);
}

export function overridesFrom(days: LocalDay[]): UnitCalendarOverrides {
  return {
    daysOff: days.filter((d) => d.kind === 'dayOff').map((d): DayOff => ({ date: d.date, name: d.name, kind: 'local' })),
    makeUpWorkdays: days.filter((d) => d.kind === 'makeUpWorkday').map((d) => d.date),
  };
}

async function officeHoursOf(db: Database, unitId: number): Promise<OfficeHours | undefined> {
  const rows = await db.rows<{ office_hours: OfficeHours | null }>(sql`select office_hours from units where id = ${unitId}`);
  return rows[0]?.office_hours ?? undefined;
}

/** The working calendar of a unit (statutory rules + official schedules + its own and its province's days); null = national default. */
export async function calendarOf(db: Database, unitId: number | null): Promise<WorkingCalendar> {
  if (unitId === null) return createWorkingCalendar();
  const [days, officeHours] = await Promise.all([localDaysOf(db, unitId), officeHoursOf(db, unitId)]);
  return createWorkingCalendar({ overrides: overridesFrom(days), ...(officeHours ? { officeHours } : {}) });
}

export async function addLocalDay(db: Database, day: { unitId: number; date: string; kind: LocalDay['kind']; name: string; userId: number }): Promise<void> {
  const rows = await db.rows(sql`insert into calendar_days (unit_id, date, kind, name, created_by)
    values (${day.unitId}, ${day.date}::date, ${day.kind}, ${day.name}, ${day.userId}) on conflict do nothing returning date`);
  if (!rows.length) throw conflict('DAY_EXISTS', 'Ngày này đã có trong lịch của đơn vị. Hãy xóa mục cũ trước nếu muốn thay đổi.');
}

export async function removeLocalDay(db: Database, unitId: number, date: string): Promise<boolean> {
  const rows = await db.rows(sql`delete from calendar_days where unit_id = ${unitId} and date = ${date}::date returning date`);
  return rows.length > 0;
}
