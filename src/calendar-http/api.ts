import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../platform/db/index.js';
import { apiRoute, badRequest } from '../platform/http/index.js';
import { findUnitByCode } from '../identity/index.js';
import { formatVnIso, lunarToSolar, MAX_YEAR, MIN_YEAR, parseIsoToDate, solarToLunar } from '../calendar/index.js';
import { calendarOf } from './store.js';

const pad = (n: number) => String(n).padStart(2, '0');
// Years whose days off can be computed: a year's Tết eve belongs to the previous lunar year.
const YEAR_MIN = MIN_YEAR + 1;
const YEAR_MAX = MAX_YEAR - 1;

const Moment = z
  .string()
  .max(40)
  .refine((s) => parseIsoToDate(s) !== null, 'phải là thời điểm ISO 8601, ví dụ 2026-02-13T10:00:00+07:00')
  .transform((s) => parseIsoToDate(s)!)
  .refine((d) => d.getUTCFullYear() > YEAR_MIN && d.getUTCFullYear() < YEAR_MAX, `năm phải trong khoảng ${YEAR_MIN + 1}–${YEAR_MAX - 1}`);

const SolarDateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'phải có dạng YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'không phải ngày hợp lệ')
  .refine((s) => Number(s.slice(0, 4)) >= MIN_YEAR && Number(s.slice(0, 4)) <= MAX_YEAR, `năm phải trong khoảng ${MIN_YEAR}–${MAX_YEAR}`);

const UnitCode = z.string().regex(/^\d{2}(\d{3})?$/, 'mã đơn vị hành chính gồm 2 hoặc 5 chữ số').optional().describe('Mã đơn vị (lịch riêng của đơn vị)');

const DayOffSchema = z.object({ date: z.string(), name: z.string(), kind: z.enum(['statutory', 'compensatory', 'official', 'local']) });

async function unitIdOf(db: Database, code: string | undefined): Promise<number | null> {
  if (!code) return null;
  const unit = await findUnitByCode(db, code);
  if (!unit) throw badRequest('INVALID_PARAMETER', `Tham số không hợp lệ: unit. Không có đơn vị mã ${code}.`, [{ param: 'unit', message: 'không có đơn vị này' }]);
  return unit.id;
}

export function registerCalendarApi(app: FastifyInstance, db: Database) {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/calendar/deadline',
    access: 'public',
    summary: 'Tính hạn giải quyết theo ngày làm việc (compute a legal deadline)',
    tags: ['calendar'],
    query: z.object({
      receivedAt: Moment.describe('Thời điểm tiếp nhận, ISO 8601 (không có múi giờ thì hiểu là +07:00)'),
      limit: z.coerce.number().int('phải là số nguyên').min(0).max(3650).describe('Thời hạn'),
      limitUnit: z.enum(['working-days', 'days', 'working-hours']).describe('Đơn vị thời hạn'),
      unit: UnitCode,
    }),
    response: z.object({ receivedAt: z.string(), effectiveReceivedAt: z.string(), dueAt: z.string() }),
    handler: async ({ query }) => {
      const calendar = await calendarOf(db, await unitIdOf(db, query.unit));
      const r = calendar.computeDeadline(query.receivedAt, { value: query.limit, unit: query.limitUnit });
      if (r.dueAt.getUTCFullYear() >= YEAR_MAX) throw badRequest('INVALID_PARAMETER', 'Tham số không hợp lệ: limit. Hạn vượt quá phạm vi lịch.', [{ param: 'limit', message: 'quá lớn' }]);
      return { receivedAt: formatVnIso(r.receivedAt), effectiveReceivedAt: formatVnIso(r.effectiveReceivedAt), dueAt: formatVnIso(r.dueAt) };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/calendar/holidays',
    access: 'public',
    summary: 'Các ngày nghỉ lễ, Tết, nghỉ bù của một năm (days off of a year)',
    tags: ['calendar'],
    query: z.object({ year: z.coerce.number().int().min(YEAR_MIN).max(YEAR_MAX).describe('Năm dương lịch'), unit: UnitCode }),
    response: z.object({ year: z.number().int(), daysOff: z.array(DayOffSchema), makeUpWorkdays: z.array(z.string()) }),
    handler: async ({ query }) => {
      const unitId = await unitIdOf(db, query.unit);
      const calendar = await calendarOf(db, unitId);
      const daysOff = calendar.daysOffOfYear(query.year);
      const makeUp: string[] = [];
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const iso = `${query.year}-${pad(m)}-${pad(d)}`;
          const date = new Date(`${iso}T00:00:00Z`);
          if (date.toISOString().slice(0, 10) !== iso) continue;
          const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
          if (weekend && calendar.isWorkingDay(iso)) makeUp.push(iso);
        }
      }
      return { year: query.year, daysOff, makeUpWorkdays: makeUp };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/calendar/lunar',
    access: 'public',
    summary: 'Đổi ngày dương lịch sang âm lịch Việt Nam (solar to Vietnamese lunar, UTC+7)',
    tags: ['calendar'],
    query: z.object({ solar: SolarDateString.describe('Ngày dương lịch YYYY-MM-DD') }),
    response: z.object({ day: z.number().int(), month: z.number().int(), year: z.number().int(), leap: z.boolean() }),
    handler: async ({ query }) => {
      const [y, m, d] = query.solar.split('-').map(Number) as [number, number, number];
      const lunar = solarToLunar({ year: y, month: m, day: d });
      return { day: lunar.day, month: lunar.month, year: lunar.year, leap: lunar.leap };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/calendar/solar',
    access: 'public',
    summary: 'Đổi ngày âm lịch Việt Nam sang dương lịch (Vietnamese lunar to solar)',
    tags: ['calendar'],
    query: z.object({
      year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR - 1).describe('Năm âm lịch'),
      month: z.coerce.number().int().min(1).max(12).describe('Tháng âm lịch'),
      day: z.coerce.number().int().min(1).max(30).describe('Ngày âm lịch'),
      leap: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('Tháng nhuận'),
    }),
    response: z.object({ date: z.string() }),
    handler: async ({ query }) => {
      const solar = lunarToSolar({ year: query.year, month: query.month, day: query.day, leap: query.leap });
      if (!solar) {
        const param = query.leap ? 'leap' : 'day';
        throw badRequest('INVALID_PARAMETER', `Tham số không hợp lệ: ${param}. Ngày âm lịch này không tồn tại.`, [{ param, message: 'ngày âm lịch không tồn tại' }]);
      }
      return { date: `${solar.year}-${pad(solar.month)}-${pad(solar.day)}` };
    },
  });
}
