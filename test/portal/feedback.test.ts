import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { listPublished } from '../../src/portal/articles/store.js';
import { installationSecret } from '../../src/platform/settings.js';
import { checkChallenge, issueChallenge, solvePow } from '../../src/portal/feedback/captcha.js';
import { FEEDBACK_SECRET_KEY } from '../../src/portal/feedback/reader.js';
import { ADDRESS_COMMENT_LIMIT, COMMENT_LIMIT, TOO_MANY_COMMENTS } from '../../src/portal/feedback/routes.js';

let app: TestApp;
let editor: TestClient;
let slug: string;
let slug2: string;
const UA = 'Mozilla/5.0 (Linux; Android 10) TestBrowser/1.0';

/** A reader from one IP address and browser, keeping cookies (CSRF). */
class Reader {
  cookies = new Map<string, string>();
  constructor(readonly ip: string, readonly ua = UA) {}
  private cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private keep(res: Awaited<ReturnType<TestApp['server']['inject']>>) {
    for (const c of res.cookies as Array<{ name: string; value: string }>) this.cookies.set(c.name, c.value);
    return res;
  }
  async get(url: string) {
    return this.keep(await app.server.inject({ method: 'GET', url, remoteAddress: this.ip, headers: { accept: 'text/html', 'user-agent': this.ua, cookie: this.cookie() } }));
  }
  async post(url: string, fields: Record<string, string>) {
    if (!this.cookies.get('xaso_csrf')) await this.get('/tin-tuc');
    return this.keep(await app.server.inject({
      method: 'POST', url, remoteAddress: this.ip, payload: new URLSearchParams({ _csrf: this.cookies.get('xaso_csrf')!, ...fields }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'user-agent': this.ua, cookie: this.cookie() },
    }));
  }
  /** Opens the article page and reads the comment form's challenge. */
  async challenge(s = slug) {
    const html = (await this.get(`/tin-tuc/${s}`)).body;
    const token = /name="challenge" value="([^"]+)"/.exec(html)![1]!;
    const nonce = /data-nonce="([^"]+)"/.exec(html)![1]!;
    const bits = Number(/data-bits="(\d+)"/.exec(html)![1]);
    const [a, b] = /Mã xác thực: (\d+) \+ (\d+) = \?/.exec(html)!.slice(1).map(Number);
    return { token, nonce, bits, sum: String(a! + b!) };
  }
  async comment(fields: { name?: string; body?: string; email?: string; ghi_chu_them?: string }, captcha: 'sum' | 'pow' | 'wrong' = 'sum', s = slug) {
    const ch = await this.challenge(s);
    const answer: Record<string, string> = captcha === 'sum' ? { captcha: ch.sum } : captcha === 'pow' ? { pow: solvePow(ch.nonce, ch.bits) } : { captcha: String(Number(ch.sum) + 1) };
    return this.post(`/tin-tuc/${s}/binh-luan`, { name: 'Nguyễn Văn A', body: 'Bài viết hữu ích.', email: '', ghi_chu_them: '', challenge: ch.token, ...answer, ...fields });
  }
}

const count = async (table: string, where = sql``) => Number((await app.db.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} ${where}`))[0]!.n);
const unescape = (html: string) => html.replaceAll('&amp;', '&');

beforeAll(async () => {
  app = await createTestApp();
  editor = new TestClient(app);
  await editor.login('tumy.bientap');
  const { articles } = await listPublished(app.db, app.server.sites.fallback().unitId, { now: new Date(), limit: 3 });
  slug = articles[0]!.slug;
  slug2 = articles[1]!.slug;
});
afterAll(async () => {
  await app?.dispose();
});

describe('ratings', () => {
  it('show count and average with a decimal comma; one rating per reader (a second one replaces the first)', async () => {
    const page = await new Reader('203.0.113.1').get(`/tin-tuc/${slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Chưa có lượt đánh giá nào.');
    const r1 = new Reader('203.0.113.7');
    const first = await r1.post(`/tin-tuc/${slug}/danh-gia`, { stars: '5' });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toContain('phan-hoi=da-danh-gia');
    await new Reader('203.0.113.8').post(`/tin-tuc/${slug}/danh-gia`, { stars: '4' });
    expect((await r1.get(`/tin-tuc/${slug}`)).body).toContain('2 lượt đánh giá, trung bình 4,5/5');
    const again = await r1.post(`/tin-tuc/${slug}/danh-gia`, { stars: '3' });
    expect(again.headers.location).toContain('phan-hoi=cap-nhat-danh-gia');
    const html = (await r1.get(`${again.headers.location}`.replace(/#.*/, ''))).body;
    expect(html).toContain('2 lượt đánh giá, trung bình 3,5/5');
    expect(html).toContain('Đã cập nhật đánh giá của bạn');
    // the same address with another browser is another reader
    await new Reader('203.0.113.7', 'Other/2.0').post(`/tin-tuc/${slug}/danh-gia`, { stars: '1' });
    expect((await r1.get(`/tin-tuc/${slug}`)).body).toContain('3 lượt đánh giá, trung bình 2,7/5');
    expect(await count('article_ratings')).toBe(3);
  });

  it('refuses stars outside 1–5 and a rating without the CSRF token', async () => {
    const r = new Reader('203.0.113.9');
    expect((await r.post(`/tin-tuc/${slug}/danh-gia`, { stars: '6' })).statusCode).toBe(400);
    const noCsrf = await app.server.inject({ method: 'POST', url: `/tin-tuc/${slug}/danh-gia`, payload: 'stars=5', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('comments and the captcha', () => {
  it('a wrong answer shows "Mã xác thực không đúng", keeps the text and stores nothing', async () => {
    const before = await count('article_comments');
    const res = await new Reader('198.51.100.1').comment({ body: 'Nội dung cần giữ lại <b>x</b>' }, 'wrong');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Mã xác thực không đúng');
    expect(res.body).toContain('Nội dung cần giữ lại &lt;b>x&lt;/b>');
    expect(await count('article_comments')).toBe(before);
  });

  it('the sum (without JavaScript) and the proof of work both land the comment in the moderation queue', async () => {
    const r = new Reader('198.51.100.2');
    const bySum = await r.comment({ body: 'Bình luận trả lời bằng phép cộng' }, 'sum');
    expect(bySum.statusCode).toBe(303);
    expect(bySum.headers.location).toContain('phan-hoi=cho-duyet');
    expect((await r.get(String(bySum.headers.location).replace(/#.*/, ''))).body).toContain('đang chờ duyệt');
    const byPow = await r.comment({ body: 'Bình luận bằng bằng chứng công việc' }, 'pow');
    expect(byPow.statusCode).toBe(303);
    const rows = await app.db.rows<{ status: string; body: string }>(sql`select status, body from article_comments where body like 'Bình luận%' order by id`);
    expect(rows).toEqual([{ status: 'pending', body: 'Bình luận trả lời bằng phép cộng' }, { status: 'pending', body: 'Bình luận bằng bằng chứng công việc' }]);
    // pending comments are not shown
    expect((await r.get(`/tin-tuc/${slug}`)).body).not.toContain('Bình luận trả lời bằng phép cộng');
  });

  it('a challenge is accepted once; an expired or forged one is refused', async () => {
    const r = new Reader('198.51.100.3');
    const ch = await r.challenge();
    const fields = { name: 'Trần B', body: 'Gửi hai lần', email: '', ghi_chu_them: '', challenge: ch.token, captcha: ch.sum };
    expect((await r.post(`/tin-tuc/${slug}/binh-luan`, fields)).statusCode).toBe(303);
    const replay = await r.post(`/tin-tuc/${slug}/binh-luan`, fields);
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('Mã xác thực không đúng');
    expect(await count('article_comments', sql`where body = 'Gửi hai lần'`)).toBe(1);

    const secret = await installationSecret(app.db, FEEDBACK_SECRET_KEY);
    const old = issueChallenge(secret, Date.now() - 31 * 60_000);
    expect(await checkChallenge(app.db, secret, { token: old.token, pow: solvePow(old.nonce, old.bits), answer: '' })).toBe('expired');
    const other = issueChallenge('another-secret');
    expect(await checkChallenge(app.db, secret, { token: other.token, pow: solvePow(other.nonce, other.bits), answer: '' })).toBe('wrong');
    const fresh = issueChallenge(secret);
    expect(await checkChallenge(app.db, secret, { token: fresh.token, pow: '', answer: '999' })).toBe('wrong');
    expect(await checkChallenge(app.db, secret, { token: fresh.token, pow: solvePow(fresh.nonce, fresh.bits), answer: '' })).toBe('ok');
    expect(await checkChallenge(app.db, secret, { token: fresh.token, pow: solvePow(fresh.nonce, fresh.bits), answer: '' })).toBe('replayed');
    const expiredForm = await r.post(`/tin-tuc/${slug}/binh-luan`, { name: 'Trần B', body: 'Hết hạn', challenge: old.token, pow: solvePow(old.nonce, old.bits) });
    expect(expiredForm.body).toContain('Mã xác thực không đúng');
    expect(await count('article_comments', sql`where body = 'Hết hạn'`)).toBe(0);
  });

  it('the honeypot is silently refused', async () => {
    const res = await new Reader('198.51.100.4').comment({ body: 'Máy gửi', ghi_chu_them: 'http://spam.example' });
    expect(res.statusCode).toBe(303);
    expect(await count('article_comments', sql`where body = 'Máy gửi'`)).toBe(0);
  });

  it('checks name and body (limits) and keeps what was typed', async () => {
    const res = await new Reader('198.51.100.5').comment({ name: '', body: 'x'.repeat(2001) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Nhập họ và tên.');
    expect(res.body).toContain('Nội dung bình luận dài tối đa 2.000 ký tự.');
  });

  it('100 comments in a minute from one script are cut off with 429 after the limit', async () => {
    const bot = new Reader('192.0.2.50');
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 100; i++) {
      const res = await bot.comment({ body: `Spam ${i}` }, 'sum', slug2);
      statuses.push(res.statusCode);
      if (res.statusCode === 429) last = res.body;
    }
    expect(statuses.slice(0, COMMENT_LIMIT.limit).every((s) => s === 303)).toBe(true);
    expect(statuses.slice(COMMENT_LIMIT.limit).every((s) => s === 429)).toBe(true);
    expect(last).toContain(TOO_MANY_COMMENTS);
    expect(await count('article_comments', sql`where body like 'Spam %'`)).toBe(COMMENT_LIMIT.limit);
  });

  it('a script changing its User-Agent at every comment is still cut off per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < ADDRESS_COMMENT_LIMIT.limit + 10; i++) {
      statuses.push((await new Reader('192.0.2.60', `TestBrowser/${i}`).comment({ body: `Đổi trình duyệt ${i}` }, 'sum', slug2)).statusCode);
    }
    expect(statuses.filter((s) => s === 303)).toHaveLength(ADDRESS_COMMENT_LIMIT.limit);
    expect(statuses.slice(ADDRESS_COMMENT_LIMIT.limit).every((s) => s === 429)).toBe(true);
    expect(await count('article_comments', sql`where body like 'Đổi trình duyệt %'`)).toBe(ADDRESS_COMMENT_LIMIT.limit);
  });

  it('stores no IP address nor User-Agent in any table', async () => {
    const ips = ['203.0.113.7', '203.0.113.8', '198.51.100.2', '192.0.2.50', '192.0.2.60'];
    const cols = await app.db.rows<{ table_name: string; column_name: string }>(sql`select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'inet')`);
    for (const c of cols) {
      const hits = await app.db.rows<{ v: string }>(sql`select ${sql.identifier(c.column_name)}::text as v from ${sql.identifier(c.table_name)}
        where ${sql.identifier(c.column_name)}::text like '%203.0.113.%' or ${sql.identifier(c.column_name)}::text like '%198.51.100.%'
           or ${sql.identifier(c.column_name)}::text like '%192.0.2.50%' or ${sql.identifier(c.column_name)}::text like '%192.0.2.60%' or ${sql.identifier(c.column_name)}::text like '%TestBrowser%'`);
      expect(hits, `${c.table_name}.${c.column_name}`).toEqual([]);
    }
    expect(ips.length).toBe(5);
  });
});

describe('moderation', () => {
  const commentId = async (body: string) => Number((await app.db.rows<{ id: number }>(sql`select id from article_comments where body = ${body}`))[0]!.id);

  it('the editor sees the queue, approves (audited) and the comment shows under the article', async () => {
    const page = await editor.get('/quan-tri/binh-luan');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bình luận trả lời bằng phép cộng');
    const id = await commentId('Bình luận trả lời bằng phép cộng');
    const res = await editor.postForm(`/quan-tri/binh-luan/${id}/duyet`, {});
    expect(res.statusCode).toBe(303);
    expect((await new Reader('203.0.113.20').get(`/tin-tuc/${slug}`)).body).toContain('Bình luận trả lời bằng phép cộng');
    const reject = await commentId('Bình luận bằng bằng chứng công việc');
    await editor.postForm(`/quan-tri/binh-luan/${reject}/tu-choi`, {});
    const audits = await app.db.rows<{ action: string; target: string }>(sql`select action, target from audit_log where action like 'comment.%' order by id`);
    expect(audits).toEqual([{ action: 'comment.approve', target: `comment:${id}` }, { action: 'comment.reject', target: `comment:${reject}` }]);
    // a reader or a visitor cannot moderate
    expect((await new Reader('203.0.113.21').post(`/quan-tri/binh-luan/${id}/an`, {})).statusCode).toBe(401);
  });

  it('3 reports from different readers hide a comment until reviewed; restoring is audited', async () => {
    const id = await commentId('Bình luận trả lời bằng phép cộng');
    const report = (ip: string) => new Reader(ip).post(`/tin-tuc/${slug}/binh-luan/${id}/bao-cao`, {});
    expect((await report('203.0.113.30')).statusCode).toBe(303);
    await report('203.0.113.30'); // the same reader counts once
    await report('203.0.113.31');
    expect((await new Reader('203.0.113.20').get(`/tin-tuc/${slug}`)).body).toContain('Bình luận trả lời bằng phép cộng');
    await report('203.0.113.32');
    expect((await new Reader('203.0.113.20').get(`/tin-tuc/${slug}`)).body).not.toContain('Bình luận trả lời bằng phép cộng');
    const queue = await editor.get('/quan-tri/binh-luan');
    expect(queue.body).toContain('3 lượt báo cáo · đang tạm ẩn');
    await editor.postForm(`/quan-tri/binh-luan/${id}/hien`, {});
    expect((await new Reader('203.0.113.20').get(`/tin-tuc/${slug}`)).body).toContain('Bình luận trả lời bằng phép cộng');
    const audits = await app.db.rows<{ action: string; actor_user_id: number | null }>(sql`select action, actor_user_id from audit_log where target = ${`comment:${id}`} order by id`);
    expect(audits.map((a) => a.action)).toEqual(['comment.approve', 'comment.hide', 'comment.restore']);
    expect(audits[1]!.actor_user_id).toBeNull();
    expect(audits[2]!.actor_user_id).not.toBeNull();
    // earlier reports no longer count after the review
    await report('203.0.113.33');
    expect((await new Reader('203.0.113.20').get(`/tin-tuc/${slug}`)).body).toContain('Bình luận trả lời bằng phép cộng');
    await editor.postForm(`/quan-tri/binh-luan/${id}/an`, {});
    expect((await app.db.rows(sql`select 1 from audit_log where action = 'comment.hide' and actor_user_id is not null`)).length).toBe(1);
  });

  it('trusted commenters (same name and e-mail as an approved comment) are published at once when the editor allows it', async () => {
    const r = new Reader('198.51.100.40');
    await r.comment({ name: 'Lê C', email: 'le.c@example.com', body: 'Lần đầu' });
    await editor.postForm(`/quan-tri/binh-luan/${await commentId('Lần đầu')}/duyet`, {});
    await r.comment({ name: 'Lê C', email: 'LE.C@example.com', body: 'Lần hai' });
    expect((await app.db.rows(sql`select status from article_comments where body = 'Lần hai'`))[0]).toEqual({ status: 'pending' });
    expect((await editor.postForm('/quan-tri/binh-luan/cai-dat', { trusted: '1', reportThreshold: '3' })).statusCode).toBe(303);
    const res = await r.comment({ name: 'Lê C', email: 'le.c@example.com', body: 'Lần ba' });
    expect(res.headers.location).toContain('phan-hoi=da-dang');
    expect((await app.db.rows(sql`select status from article_comments where body = 'Lần ba'`))[0]).toEqual({ status: 'approved' });
    // the e-mail is never shown publicly
    expect((await r.get(`/tin-tuc/${slug}`)).body).not.toContain('le.c@example.com');
  });

  it('XSS payloads in the name and body are rendered inert', async () => {
    const payloads = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '"><svg onload=alert(3)>', "'><iframe src=javascript:alert(4)>"];
    const r = new Reader('198.51.100.60');
    for (const [i, p] of payloads.entries()) {
      const res = await r.comment({ name: `X${i}${p}`.slice(0, 100), body: `dòng 1 ${p}\ndòng 2` }, 'sum', slug2);
      expect(res.statusCode).toBe(303);
      const id = Number((await app.db.rows<{ id: number }>(sql`select max(id) as id from article_comments`))[0]!.id);
      expect((await editor.postForm(`/quan-tri/binh-luan/${id}/duyet`, {})).statusCode).toBe(303);
    }
    const html = (await r.get(`/tin-tuc/${slug2}`)).body;
    for (const p of payloads) expect(html).not.toContain(p);
    expect(html).not.toMatch(/<(script|img|svg|iframe)[^>]*(alert|onerror|onload)/i);
    expect(html).toContain('<span>dòng 1 &lt;script>alert(1)&lt;/script></span><br/><span>dòng 2</span>');
    expect(unescape(html)).toContain('&lt;img src=x onerror=alert(2)>');
    const admin = (await editor.get('/quan-tri/binh-luan')).body;
    expect(admin).not.toMatch(/<(script|img|svg|iframe)[^>]*(alert|onerror|onload)/i);
  });
});
