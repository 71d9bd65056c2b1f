import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';

const form = (over: Record<string, string>) => ({ 'don-vi': '18202', 'ngay-d': '21', 'ngay-m': '10', 'ngay-y': '2026', loai: 'dayOff', ten: 'Ngày hội xã', ...over });

describe('calendar administration page', () => {
  let app: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    app = await createTestApp();
    admin = new TestClient(app);
    await admin.login('tumy.quantri');
  });
  afterAll(() => app.dispose());

  it('shows a year with its days off in month grids', async () => {
    const res = await admin.get('/quan-tri/lich?nam=2026');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Lịch làm việc năm 2026 – Xã Tứ Mỹ');
    expect(res.body).toContain('Tháng 12/2026');
    expect(res.body).toContain('Giỗ Tổ Hùng Vương');
    expect(res.body.match(/<td class="off"/g)?.length).toBeGreaterThanOrEqual(15);
  });

  it('adds a local day off and a make-up Saturday, audited, and refuses duplicates', async () => {
    const added = await admin.postForm('/quan-tri/lich', form({}));
    expect(added.statusCode).toBe(303);
    const page = await admin.get(added.headers.location as string);
    expect(page.body).toContain('Đã thêm ngày vào lịch.');
    expect(page.body).toContain('Ngày hội xã');
    const dup = await admin.postForm('/quan-tri/lich', form({ ten: 'Lần hai' }));
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('Ngày này đã có trong lịch của đơn vị');
    const saturday = await admin.postForm('/quan-tri/lich', form({ 'ngay-d': '24', loai: 'makeUpWorkday', ten: 'Làm bù' }));
    expect(saturday.statusCode).toBe(303);
    const audit = await app.db.rows<{ action: string }>(sql`select action from audit_log where action = 'calendar.day.add'`);
    expect(audit).toHaveLength(2);
    const deadline = await app.server.inject('/api/v1/calendar/deadline?receivedAt=2026-10-23T09:00:00%2B07:00&limit=1&limitUnit=working-days&unit=18202');
    expect(deadline.json()).toMatchObject({ dueAt: '2026-10-24T17:00:00+07:00' });
  });

  it('explains invalid input and keeps what was typed', async () => {
    const badDate = await admin.postForm('/quan-tri/lich', form({ 'ngay-d': '31', 'ngay-m': '2' }));
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('Nhập ngày hợp lệ');
    const weekday = await admin.postForm('/quan-tri/lich', form({ 'ngay-d': '22', loai: 'makeUpWorkday' }));
    expect(weekday.body).toContain('Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.');
    const noName = await admin.postForm('/quan-tri/lich', form({ 'ngay-d': '22', ten: '' }));
    expect(noName.body).toContain('Nhập tên hoặc lý do.');
    expect(noName.body).toContain('value="22"');
  });

  it('removes a local day', async () => {
    const res = await admin.postForm('/quan-tri/lich/xoa', { 'don-vi': '18202', ngay: '2026-10-21' });
    expect(res.statusCode).toBe(303);
    const rows = await app.db.rows(sql`select 1 from calendar_days where date = '2026-10-21'`);
    expect(rows).toHaveLength(0);
  });

  it('lets a commune administrator edit only their own commune; the province administrator edits any', async () => {
    const other = await admin.postForm('/quan-tri/lich', form({ 'don-vi': '18073', 'ngay-d': '20' }));
    expect(other.statusCode).toBe(403);
    const receptionist = new TestClient(app);
    await receptionist.login('tumy.tiepnhan');
    expect((await receptionist.get('/quan-tri/lich')).statusCode).toBe(200);
    expect((await receptionist.postForm('/quan-tri/lich', form({ 'ngay-d': '20' }))).statusCode).toBe(403);
    const province = new TestClient(app);
    await province.login('tinh.quantri');
    expect((await province.postForm('/quan-tri/lich', form({ 'don-vi': '18073', 'ngay-d': '20' }))).statusCode).toBe(303);
    expect((await province.postForm('/quan-tri/lich', form({ 'don-vi': '42', 'ngay-d': '19' }))).statusCode).toBe(303);
    // A province day applies to its communes.
    const deadline = await app.server.inject('/api/v1/calendar/deadline?receivedAt=2026-10-16T09:00:00%2B07:00&limit=1&limitUnit=working-days&unit=18202');
    expect(deadline.json()).toMatchObject({ dueAt: '2026-10-20T17:00:00+07:00' });
  });
});
