import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../platform/db/index.js';
import { audit } from '../platform/audit.js';
import { vnDate } from '../platform/clock.js';
import { forbidden, notFound, sendHtml, unitsWithRole, type FieldError, type StaffRole } from '../platform/http/index.js';
import { findUnitByCode, listUnitsByIds, reachableUnitIds, type Unit } from '../identity/index.js';
import { pageContext } from '../web/context.js';
import { addLocalDay, calendarOf, localDaysOf, removeLocalDay } from './store.js';
import { CalendarAdminPage } from './views.js';

const STAFF: readonly StaffRole[] = ['receptionist', 'specialist', 'leader', 'clerk', 'editor', 'unitAdmin', 'provinceAdmin'];
const ADMINS: readonly StaffRole[] = ['unitAdmin', 'provinceAdmin'];
const MIN_YEAR = 1902;
const MAX_YEAR = 2098;

const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.normalize('NFC').trim().slice(0, max) : '');
const pad = (n: number) => String(n).padStart(2, '0');

/** Units a staff member may see (and, for administrators, edit): their own units and the communes of their provinces. */
async function unitsFor(db: Database, request: FastifyRequest, roles: readonly StaffRole[]): Promise<Unit[]> {
  const ids = await reachableUnitIds(db, unitsWithRole(request.principal, roles));
  return (await listUnitsByIds(db, ids)).sort((a, b) => (a.kind === 'province' ? -1 : b.kind === 'province' ? 1 : a.name.localeCompare(b.name, 'vi')));
}

function parseDay(day: string, month: string, year: string): string | null {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const iso = `${year}-${pad(Number(month))}-${pad(Number(day))}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return null;
  return Number(year) >= MIN_YEAR && Number(year) <= MAX_YEAR ? iso : null;
}

export function registerCalendarAdmin(app: FastifyInstance, db: Database) {
  async function render(request: FastifyRequest, opts: { year: number; unitCode: string; errors?: FieldError[]; form?: Record<string, string>; notice?: string; status?: number }) {
    const units = await unitsFor(db, request, STAFF);
    const preferred = units.find((u) => u.code === opts.unitCode) ?? units.find((u) => u.id === request.site.unitId) ?? units.find((u) => u.kind !== 'province') ?? units[0];
    if (!preferred) throw forbidden('Tài khoản của bạn chưa được gán đơn vị nào.');
    const calendar = await calendarOf(db, preferred.id);
    const makeUp: string[] = [];
    for (let m = 1; m <= 12; m++) {
      const days = new Date(Date.UTC(opts.year, m, 0)).getUTCDate();
      for (let d = 1; d <= days; d++) {
        const iso = `${opts.year}-${pad(m)}-${pad(d)}`;
        const wd = new Date(`${iso}T00:00:00Z`).getUTCDay();
        if ((wd === 0 || wd === 6) && calendar.isWorkingDay(iso)) makeUp.push(iso);
      }
    }
    return CalendarAdminPage({
      ctx: pageContext(request),
      year: opts.year,
      units: units.map((u) => ({ code: u.code, name: u.fullName })),
      unit: { id: preferred.id, code: preferred.code, name: preferred.fullName },
      daysOff: calendar.daysOffOfYear(opts.year),
      makeUpWorkdays: makeUp,
      localDays: await localDaysOf(db, preferred.id),
      errors: opts.errors ?? [],
      ...(opts.form ? { form: opts.form as never } : {}),
      ...(opts.notice ? { notice: opts.notice } : {}),
    });
  }

  /** The unit named in a form, if the caller administers it. */
  async function editableUnit(request: FastifyRequest, code: string): Promise<Unit> {
    const unit = await findUnitByCode(db, code);
    if (!unit) throw notFound('Không tìm thấy đơn vị.');
    const allowed = await reachableUnitIds(db, unitsWithRole(request.principal, ADMINS));
    if (!allowed.includes(unit.id)) throw forbidden('Bạn không có quyền sửa lịch của đơn vị này.');
    return unit;
  }

  app.get('/quan-tri/lich', { config: { access: STAFF } }, async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const yearText = str(q.nam, 4);
    const year = /^\d{4}$/.test(yearText) && Number(yearText) >= MIN_YEAR && Number(yearText) <= MAX_YEAR ? Number(yearText) : Number(vnDate(new Date()).slice(0, 4));
    const notice = q['da-them'] !== undefined ? 'Đã thêm ngày vào lịch.' : q['da-xoa'] !== undefined ? 'Đã xóa ngày khỏi lịch.' : undefined;
    return sendHtml(reply, render(request, { year, unitCode: str(q['don-vi'], 5), ...(notice ? { notice } : {}) }));
  });

  app.post('/quan-tri/lich', { config: { access: ADMINS } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const unit = await editableUnit(request, str(body['don-vi'], 5));
    const form = { day: str(body['ngay-d'], 2), month: str(body['ngay-m'], 2), yearField: str(body['ngay-y'], 4), kind: str(body.loai, 20), name: str(body.ten) };
    const errors: FieldError[] = [];
    const date = parseDay(form.day, form.month, form.yearField);
    const kind = form.kind === 'makeUpWorkday' ? 'makeUpWorkday' : form.kind === 'dayOff' ? 'dayOff' : null;
    if (!date) errors.push({ param: 'ngay', message: 'Nhập ngày hợp lệ, ví dụ 24 11 2026.' });
    if (!kind) errors.push({ param: 'loai', message: 'Chọn loại ngày.' });
    if (!form.name) errors.push({ param: 'ten', message: 'Nhập tên hoặc lý do.' });
    if (date && kind) {
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
      const weekend = wd === 0 || wd === 6;
      if (kind === 'makeUpWorkday' && !weekend) errors.push({ param: 'ngay', message: 'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.' });
      if (kind === 'dayOff' && weekend) errors.push({ param: 'ngay', message: 'Ngày này đã là ngày nghỉ cuối tuần.' });
    }
    const year = date ? Number(date.slice(0, 4)) : Number(vnDate(new Date()).slice(0, 4));
    if (!errors.length) {
      try {
        await addLocalDay(db, { unitId: unit.id, date: date!, kind: kind!, name: form.name, userId: request.principal!.userId });
      } catch (err) {
        if (!(err instanceof Error && 'code' in err && err.code === 'DAY_EXISTS')) throw err;
        errors.push({ param: 'ngay', message: err.message });
      }
    }
    if (errors.length) return sendHtml(reply, render(request, { year, unitCode: unit.code, errors, form }), 400);
    await audit(db, { unitId: unit.id, actorUserId: request.principal!.userId, action: 'calendar.day.add', target: `calendar_day:${date}`, details: { kind, name: form.name }, ip: request.ip });
    return reply.redirect(`/quan-tri/lich?nam=${year}&don-vi=${unit.code}&da-them=1`, 303);
  });

  app.post('/quan-tri/lich/xoa', { config: { access: ADMINS } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const unit = await editableUnit(request, str(body['don-vi'], 5));
    const date = str(body.ngay, 10);
    const [y, m, d] = date.split('-');
    if (!parseDay(d ?? '', m ?? '', y ?? '') || !(await removeLocalDay(db, unit.id, date))) throw notFound('Không tìm thấy ngày này trong lịch của đơn vị.');
    await audit(db, { unitId: unit.id, actorUserId: request.principal!.userId, action: 'calendar.day.remove', target: `calendar_day:${date}`, ip: request.ip });
    return reply.redirect(`/quan-tri/lich?nam=${y}&don-vi=${unit.code}&da-xoa=1`, 303);
  });
}
