import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { listPublished } from '../../src/portal/articles/store.js';

let app: TestApp;
let editor: TestClient;
const visitor = () => new TestClient(app);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  app = await createTestApp();
  editor = new TestClient(app);
  await editor.login('tumy.bientap');
});
afterAll(async () => {
  await app?.dispose();
});

const count = async (table: 'articles' | 'article_revisions' | 'portal_images') =>
  Number((await app.db.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n);
const categoryId = async (slug: string) => String((await app.db.rows<{ id: number }>(sql`select id from portal_categories where slug = ${slug}`))[0]!.id);
const idFrom = (location: unknown) => Number(/\/quan-tri\/tin-bai\/(\d+)/.exec(String(location))![1]);

/** A multipart form post with the editor's cookies and CSRF token, and optionally one file. */
async function postMultipart(client: TestClient, url: string, fields: Record<string, string>, file?: { name: string; field: string; type: string; content: Buffer }) {
  const b = '----xasotest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = Object.entries({ _csrf: client.csrf, ...fields }).map(([k, v]) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return app.server.inject({
    method: 'POST', url, payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${b}`, accept: 'text/html', cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
}

describe('seeded website of Xã Tứ Mỹ', () => {
  it('lists the published demo articles only (not the draft nor the scheduled one)', async () => {
    const res = await visitor().get('/tin-tuc');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Hướng dẫn kích hoạt tài khoản định danh điện tử VNeID');
    expect(res.body).not.toContain('Kế hoạch ra quân vệ sinh môi trường');
    expect(res.body).not.toContain('lịch nghỉ Tết Dương lịch năm 2027');
    expect((await visitor().get('/chuyen-muc/thong-bao')).body).toContain('Thông báo lịch tiếp công dân');
    expect((await visitor().get('/chuyen-muc/khong-co')).statusCode).toBe(404);
  });

  it('has the mandatory introduction pages (Decree 224/2026 art. 9)', async () => {
    const index = await visitor().get('/gioi-thieu');
    for (const t of ['Bộ máy hành chính', 'Lãnh đạo xã', 'Điều kiện tự nhiên', 'Lịch sử hình thành', 'di tích', 'Thông tin liên hệ', 'ISO 9001', 'Liên kết']) expect(index.body).toContain(t);
    const history = await visitor().get('/gioi-thieu/lich-su');
    expect(history.body).toContain('Sơn Châu');
    expect(history.body).toContain('1665/NQ-UBTVQH15');
  });

  it('shows the latest news and announcements on the home page, keeping the procedure search', async () => {
    const home = await visitor().get('/');
    expect(home.body).toContain('Tin mới');
    expect(home.body).toContain('Xã Tứ Mỹ tổ chức Ngày hội Đại đoàn kết toàn dân tộc');
    expect(home.body).toContain('Thông báo lịch tiếp công dân');
    expect(home.body).toContain('Tìm thủ tục');
    expect(home.body).toContain('Lĩnh vực thủ tục');
  });
});

describe('editor back office', () => {
  let id = 0;
  const title = 'Xã Tứ Mỹ tổ chức Ngày hội Chuyển đổi số';
  const slug = 'xa-tu-my-to-chuc-ngay-hoi-chuyen-doi-so';

  it('creates a draft that readers cannot see, with the body sanitised', async () => {
    const res = await editor.postForm('/quan-tri/tin-bai/moi', {
      title, categoryId: await categoryId('chuyen-doi-so'), summary: 'Ngày hội cho người dân', authorName: 'Võ Thị Biên Tập', coverAlt: '',
      bodyHtml: '<p onclick="alert(1)">Nội dung <a href="javascript:alert(1)">x</a></p><script>alert(1)</script><img src=x onerror=alert(1)>',
    });
    expect(res.statusCode).toBe(303);
    id = idFrom(res.headers.location);
    const stored = await app.db.rows<{ body_html: string; slug: string; state: string }>(sql`select body_html, slug, state from articles where id = ${id}`);
    expect(stored[0]).toEqual({ body_html: '<p>Nội dung <a>x</a></p>', slug, state: 'draft' });
    expect((await visitor().get(`/tin-tuc/${slug}`)).statusCode).toBe(404);
    expect((await visitor().get('/tin-tuc')).body).not.toContain(title);
    const page = await editor.get(`/quan-tri/tin-bai/${id}?da=tao`);
    expect(page.body).toContain('Đã lưu bản nháp');
    expect(page.body).toContain('Lần 1');
    expect((await editor.get(`/quan-tri/tin-bai/${id}/xem-truoc`)).body).toContain('Bản xem trước');
  });

  it('publishes now: visible on /tin-tuc, the home page and its own page with canonical and Open Graph tags; audited', async () => {
    const res = await editor.postForm(`/quan-tri/tin-bai/${id}/dang`, {});
    expect(res.statusCode).toBe(303);
    expect((await visitor().get('/tin-tuc')).body).toContain(title);
    expect((await visitor().get('/')).body).toContain(title);
    const page = await visitor().get(`/tin-tuc/${slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(new RegExp(`<link rel="canonical" href="http://[^"]+/tin-tuc/${slug}"/>`));
    expect(page.body).toContain(`<meta property="og:title" content="${title}"/>`);
    expect(page.body).toContain('<meta property="og:type" content="article"/>');
    expect(page.body).toContain('Tác giả: Võ Thị Biên Tập');
    expect(page.body).toMatch(/Đăng lúc <time datetime="[^"]+">\d\d giờ \d\d, \d\d\/\d\d\/\d{4}<\/time>/);
    const audits = await app.db.rows(sql`select action from audit_log where target = ${`article:${id}`}`);
    expect(audits.map((a) => a.action)).toEqual(['article.publish']);
  });

  it('keeps every save as a revision and keeps the address', async () => {
    const res = await editor.postForm(`/quan-tri/tin-bai/${id}`, {
      title: `${title} năm 2026`, categoryId: await categoryId('chuyen-doi-so'), summary: 'Sửa', authorName: 'Võ Thị Biên Tập', coverAlt: '', bodyHtml: '<p>Bản sửa</p>',
    });
    expect(res.statusCode).toBe(303);
    const revisions = await app.db.rows<{ revision: number; title: string; saved_by_name: string }>(sql`select revision, title, saved_by_name from article_revisions where article_id = ${id} order by revision`);
    expect(revisions).toEqual([
      { revision: 1, title, saved_by_name: 'Võ Thị Biên Tập' },
      { revision: 2, title: `${title} năm 2026`, saved_by_name: 'Võ Thị Biên Tập' },
    ]);
    const page = await editor.get(`/quan-tri/tin-bai/${id}`);
    expect(page.body).toContain('Lần 2');
    expect((await visitor().get(`/tin-tuc/${slug}`)).body).toContain('Bản sửa');
  });

  it('schedules: hidden until its time, then shown without any job', async () => {
    const future = new Date(Date.now() + 3 * 86_400_000 + 7 * 3_600_000);
    const res = await editor.postForm(`/quan-tri/tin-bai/${id}/hen-gio`, {
      'publishDate-d': String(future.getUTCDate()), 'publishDate-m': String(future.getUTCMonth() + 1), 'publishDate-y': String(future.getUTCFullYear()), publishTime: '08:00',
    });
    expect(res.statusCode).toBe(303);
    expect((await visitor().get(`/tin-tuc/${slug}`)).statusCode).toBe(404);
    expect((await editor.get('/quan-tri/tin-bai?trang-thai=scheduled')).body).toContain(`${title} năm 2026`);
    const unitId = app.server.sites.fallback().unitId;
    const later = await listPublished(app.db, unitId, { now: new Date(Date.now() + 5 * 86_400_000), limit: 50 });
    expect(later.articles.map((a) => a.slug)).toContain(slug);
    await app.db.rows(sql`update articles set publish_at = now() - interval '1 minute' where id = ${id}`); // the time has come
    expect((await visitor().get(`/tin-tuc/${slug}`)).statusCode).toBe(200);
  });

  it('refuses a schedule in the past with a Vietnamese message and changes nothing', async () => {
    const before = await app.db.rows(sql`select state, publish_at from articles where id = ${id}`);
    const res = await editor.postForm(`/quan-tri/tin-bai/${id}/hen-gio`, { 'publishDate-d': '01', 'publishDate-m': '01', 'publishDate-y': '2020', publishTime: '08:00' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Thời điểm hẹn đăng phải ở tương lai');
    expect(await app.db.rows(sql`select state, publish_at from articles where id = ${id}`)).toEqual(before);
  });

  it('unpublishes: gone for readers; audited', async () => {
    expect((await editor.postForm(`/quan-tri/tin-bai/${id}/go`, {})).statusCode).toBe(303);
    expect((await visitor().get(`/tin-tuc/${slug}`)).statusCode).toBe(404);
    const audits = await app.db.rows(sql`select action from audit_log where target = ${`article:${id}`} order by id`);
    expect(audits.map((a) => a.action)).toEqual(['article.publish', 'article.schedule', 'article.unpublish']);
  });

  it('bad input: Vietnamese errors, nothing stored', async () => {
    const [articles, revisions] = [await count('articles'), await count('article_revisions')];
    const res = await editor.postForm('/quan-tri/tin-bai/moi', { title: '', categoryId: '', summary: '', authorName: 'A B', coverAlt: '', bodyHtml: '<script>x</script>' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Có lỗi cần sửa');
    expect(res.body).toContain('Nhập tiêu đề, ít nhất 5 ký tự.');
    expect(res.body).toContain('Chọn chuyên mục.');
    expect(res.body).toContain('Nhập nội dung bài viết.');
    expect([await count('articles'), await count('article_revisions')]).toEqual([articles, revisions]);
  });

  it('a cover image needs alt text; a non-image is refused; a valid one is served from /tep/', async () => {
    const fields = { title: 'Bài có ảnh đại diện', categoryId: await categoryId('tin-tuc'), summary: '', authorName: 'Võ Thị Biên Tập', bodyHtml: '<p>Ảnh</p>' };
    const before = [await count('articles'), await count('portal_images')];
    const noAlt = await postMultipart(editor, '/quan-tri/tin-bai/moi', { ...fields, coverAlt: '' }, { name: 'a.png', field: 'cover', type: 'image/png', content: PNG });
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.body).toContain('Nhập mô tả ảnh đại diện');
    const notImage = await postMultipart(editor, '/quan-tri/tin-bai/moi', { ...fields, coverAlt: 'Ảnh' }, { name: 'a.png', field: 'cover', type: 'image/png', content: Buffer.from('<svg onload=alert(1)>') });
    expect(notImage.statusCode).toBe(400);
    expect(notImage.body).toContain('Chọn ảnh JPEG, PNG hoặc WebP.');
    expect([await count('articles'), await count('portal_images')]).toEqual(before);
    const ok = await postMultipart(editor, '/quan-tri/tin-bai/moi', { ...fields, coverAlt: 'Hội trường xã' }, { name: 'a.png', field: 'cover', type: 'image/png', content: PNG });
    expect(ok.statusCode).toBe(303);
    const newId = idFrom(ok.headers.location);
    await editor.postForm(`/quan-tri/tin-bai/${newId}/dang`, {});
    const page = await visitor().get('/tin-tuc/bai-co-anh-dai-dien');
    const src = /<img src="(\/tep\/anh\/[0-9a-f]{64}\.png)" alt="Hội trường xã"\/>/.exec(page.body)?.[1];
    expect(src).toBeTruthy();
    expect(page.body).toContain(`<meta property="og:image" content="http://localhost:80${src}"/>`);
    const img = await visitor().get(src!);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.equals(PNG)).toBe(true);
  });

  it('two articles with the same title get distinct addresses', async () => {
    const fields = { title: 'Thông báo họp dân', categoryId: await categoryId('thong-bao'), summary: '', authorName: 'Võ Thị Biên Tập', coverAlt: '', bodyHtml: '<p>Họp</p>' };
    const a = idFrom((await editor.postForm('/quan-tri/tin-bai/moi', fields)).headers.location);
    const b = idFrom((await editor.postForm('/quan-tri/tin-bai/moi', fields)).headers.location);
    const slugs = await app.db.rows<{ slug: string }>(sql`select slug from articles where id in (${a}, ${b}) order by id`);
    expect(slugs.map((s) => s.slug)).toEqual(['thong-bao-hop-dan', 'thong-bao-hop-dan-2']);
  });

  it('edits an introduction page (sanitised) and audits it', async () => {
    const page = (await app.db.rows<{ id: number }>(sql`select id from portal_pages where slug = 'lien-he'`))[0]!;
    const res = await editor.postForm(`/quan-tri/trang/${page.id}`, { title: 'Thông tin liên hệ', bodyHtml: '<p>Điện thoại: 0239 000 000</p><script>x</script>', sortOrder: '60' });
    expect(res.statusCode).toBe(303);
    const shown = await visitor().get('/gioi-thieu/lien-he');
    expect(shown.body).toContain('Điện thoại: 0239 000 000');
    expect(shown.body).not.toContain('<script>x');
    const bad = await editor.postForm(`/quan-tri/trang/${page.id}`, { title: '', bodyHtml: '', sortOrder: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Nhập tiêu đề, ít nhất 3 ký tự.');
    expect((await app.db.rows(sql`select action from audit_log where action = 'portal.page.update'`)).length).toBe(1);
  });
});

describe('access', () => {
  it('a non-editor gets 403; a visitor is sent to sign in; CSRF is required', async () => {
    const clerk = new TestClient(app);
    await clerk.login('tumy.tiepnhan');
    expect((await clerk.get('/quan-tri/tin-bai')).statusCode).toBe(403);
    const before = await count('articles');
    expect((await clerk.postForm('/quan-tri/tin-bai/moi', { title: 'Không được phép', categoryId: '1', authorName: 'X Y', bodyHtml: '<p>x</p>' })).statusCode).toBe(403);
    expect((await clerk.postForm('/quan-tri/tin-bai/1/dang', {})).statusCode).toBe(403);
    expect((await clerk.get('/quan-tri/trang')).statusCode).toBe(403);
    const other = new TestClient(app);
    await other.login('thanhsen.tiepnhan');
    expect((await other.get('/quan-tri/tin-bai')).statusCode).toBe(403);
    const anon = await visitor().get('/quan-tri/tin-bai');
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toContain('/dang-nhap');
    expect((await editor.postForm('/quan-tri/tin-bai/moi', { title: 'Không có mã CSRF', categoryId: '1', authorName: 'X Y', bodyHtml: '<p>x</p>' }, { csrf: false })).statusCode).toBe(403);
    expect(await count('articles')).toBe(before);
  });

  it('the unit admin edits too', async () => {
    const admin = new TestClient(app);
    await admin.login('tumy.quantri');
    expect((await admin.get('/quan-tri/tin-bai')).statusCode).toBe(200);
  });
});
