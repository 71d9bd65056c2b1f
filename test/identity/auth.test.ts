import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { createApiToken, findUserByUsername, revokeApiToken, DEMO_PASSWORD } from '../../src/identity/index.js';

describe('sign-in, sessions and access', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.dispose());

  it('signs in with the right password, shows the name, and signs out', async () => {
    const c = new TestClient(app);
    const res = await c.login('tumy.tiepnhan');
    expect(res.headers.location).toBe('/');
    expect(c.cookies.get('xaso_sid')).toBeTruthy();
    const home = await c.get('/');
    expect(home.body).toContain('Nguyễn Thị Tiếp Nhận');
    expect(home.body).toContain('Đăng xuất');
    const out = await c.postForm('/dang-xuat', {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/dang-nhap?da-dang-xuat=1');
    expect((await c.get('/dang-nhap?da-dang-xuat=1')).body).toContain('Bạn đã đăng xuất.');
    const after = await c.get('/quan-tri/lich');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/dang-nhap?tiep=%2Fquan-tri%2Flich');
  });

  it('rejects a wrong password with a Vietnamese message and no session', async () => {
    const c = new TestClient(app);
    const res = await c.postForm('/dang-nhap', { username: 'tumy.chuyenvien', password: 'sai-mat-khau' });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(res.body).toContain('error-summary');
    expect(c.cookies.has('xaso_sid')).toBe(false);
  });

  it('asks for both fields when empty', async () => {
    const res = await new TestClient(app).postForm('/dang-nhap', { username: '', password: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Nhập tên đăng nhập.');
    expect(res.body).toContain('Nhập mật khẩu.');
  });

  it('locks an account after repeated wrong passwords, even for the right password, with a clear message', async () => {
    const c = new TestClient(app);
    for (let i = 0; i < 5; i++) await c.postForm('/dang-nhap', { username: 'tumy.vanthu', password: `sai-${i}` });
    const locked = await c.postForm('/dang-nhap', { username: 'tumy.vanthu', password: DEMO_PASSWORD });
    expect(locked.statusCode).toBe(423);
    expect(locked.body).toContain('Tài khoản đã bị tạm khóa');
    expect(locked.body).toMatch(/thử lại sau \d+ phút/);
    const audits = await app.db.rows<{ action: string }>(sql`select action from audit_log where action like 'login.%' order by id`);
    expect(audits.map((a) => a.action)).toContain('login.locked');
  });

  it('refuses a form without its CSRF token and changes nothing', async () => {
    const c = new TestClient(app);
    await c.login('tumy.quantri');
    const res = await c.postForm('/quan-tri/lich', { 'don-vi': '18202', 'ngay-d': '14', 'ngay-m': '10', 'ngay-y': '2026', loai: 'dayOff', ten: 'x' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('tải lại trang');
    const rows = await app.db.rows(sql`select 1 from calendar_days`);
    expect(rows).toHaveLength(0);
  });

  it('requires the CSRF token on API calls that a browser session cookie authenticates', async () => {
    const c = new TestClient(app);
    await c.login('congdan');
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const body = { procedureCode: '1.004873', applicant: { fullName: 'Nguyễn Văn An' } };
    const without = await app.server.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { cookie }, payload: body });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'CSRF_FAILED' });
    const withToken = await app.server.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { cookie, 'x-csrf-token': c.csrf }, payload: body });
    expect(withToken.statusCode).toBe(201);
  });

  it('keeps citizens out of staff pages and anonymous users out of account pages', async () => {
    const citizen = new TestClient(app);
    await citizen.login('congdan');
    expect((await citizen.get('/quan-tri/lich')).statusCode).toBe(403);
    expect((await citizen.get('/quan-tri/thu-tuc')).statusCode).toBe(403);
    const anonymous = await new TestClient(app).get('/tai-khoan/doi-mat-khau');
    expect(anonymous.statusCode).toBe(303);
  });

  it('changes a password: checks the current one, length and confirmation, then ends other sessions', async () => {
    const a = new TestClient(app);
    const b = new TestClient(app);
    await a.login('tumy.bientap');
    await b.login('tumy.bientap');
    const wrong = await a.postForm('/tai-khoan/doi-mat-khau', { currentPassword: 'khong-dung', newPassword: 'mat-khau-moi-2026', confirmPassword: 'mat-khau-moi-2026' });
    expect(wrong.body).toContain('Mật khẩu hiện tại không đúng.');
    const short = await a.postForm('/tai-khoan/doi-mat-khau', { currentPassword: DEMO_PASSWORD, newPassword: 'ngan', confirmPassword: 'ngan' });
    expect(short.body).toContain('ít nhất 10 ký tự');
    const mismatch = await a.postForm('/tai-khoan/doi-mat-khau', { currentPassword: DEMO_PASSWORD, newPassword: 'mat-khau-moi-2026', confirmPassword: 'khac' });
    expect(mismatch.body).toContain('không khớp');
    const ok = await a.postForm('/tai-khoan/doi-mat-khau', { currentPassword: DEMO_PASSWORD, newPassword: 'mat-khau-moi-2026', confirmPassword: 'mat-khau-moi-2026' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Đã đổi mật khẩu.');
    expect((await b.get('/tai-khoan/doi-mat-khau')).statusCode).toBe(303); // the other session ended
    expect((await a.get('/tai-khoan/doi-mat-khau')).statusCode).toBe(200);
    const again = new TestClient(app);
    await again.login('tumy.bientap', 'mat-khau-moi-2026');
  });

  it('accepts API tokens as Bearer credentials until revoked, and never stores them in clear', async () => {
    const user = (await findUserByUsername(app.db, 'tinh.quantri'))!;
    const { id, token } = await createApiToken(app.db, user.id, 'test');
    const stored = await app.db.rows<{ token_hash: string }>(sql`select token_hash from api_tokens where id = ${id}`);
    expect(stored[0]!.token_hash).not.toContain(token);
    const ok = await app.server.inject({ url: '/quan-tri/thu-tuc/xuat.csv', headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    await revokeApiToken(app.db, id);
    const revoked = await app.server.inject({ url: '/api/v1/procedures', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.headers['content-type']).toContain('application/problem+json');
  });

  it('does not redirect to another site after sign-in', async () => {
    const c = new TestClient(app);
    const res = await c.postForm('/dang-nhap', { username: 'tumy.lanhdao', password: DEMO_PASSWORD, tiep: '//evil.example/x' });
    expect(res.headers.location).toBe('/');
  });
});
