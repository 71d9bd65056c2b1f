import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('one-stop flow through the pages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ env: { XASO_STORAGE_DIR: `.tmp/storage-${process.pid}` } });
  });
  afterAll(() => app.dispose());

  it('online submission → receipt → supplement → processing → approval → return → rating', async () => {
    const resident = new TestClient(app);
    await resident.login('congdan');
    const created = await resident.postForm('/ho-so-cua-toi/moi', { procedureCode: '1.004873' });
    expect(created.statusCode).toBe(303);
    const draftUrl = created.headers.location as string;
    const saved = await resident.postForm(draftUrl, { fullName: 'Nguyễn Văn An', idNumber: '042090001234', phone: '0912345678', email: '', address: 'Thôn 1, xã Tứ Mỹ', content: 'Xác nhận tình trạng hôn nhân để kết hôn' });
    expect(saved.statusCode).toBe(303);
    const up = await resident.postMultipart(`${draftUrl}/tep`, { name: 'to-khai.pdf', content: PDF, type: 'application/pdf' });
    expect(up.statusCode).toBe(303);
    const page = await resident.get(draftUrl);
    expect(page.body).toContain('to-khai.pdf');
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const submitted = await resident.postForm(`${draftUrl}/thao-tac/submit`, { version, idempotencyKey: 'submit-key-1' });
    expect(submitted.statusCode).toBe(303);
    const ref = (submitted.headers.location as string).split('/')[2]!.split('?')[0]!;
    expect(ref).toMatch(/^H42\.18202-\d{6}-0001$/);

    const receptionist = new TestClient(app);
    await receptionist.login('tumy.tiepnhan');
    const queue = await receptionist.get('/can-bo?hang=toReceive');
    expect(queue.body).toContain(ref);
    const staffPage = await receptionist.get(`/can-bo/ho-so/${ref}`);
    const v1 = /name="version" value="(\d+)"/.exec(staffPage.body)![1]!;
    const received = await receptionist.postForm(`/can-bo/ho-so/${ref}/thao-tac/receive`, { version: v1, idempotencyKey: 'receive-key-1', feePaid: 'true' });
    expect(received.statusCode).toBe(303);
    const receipt = await receptionist.get(`/ho-so/${ref}/in/giay-tiep-nhan`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain(ref);
    const pdf = await receptionist.get(`/ho-so/${ref}/in/giay-tiep-nhan.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const after = await receptionist.get(`/can-bo/ho-so/${ref}`);
    const v2 = /name="version" value="(\d+)"/.exec(after.body)![1]!;
    const supp = await receptionist.postForm(`/can-bo/ho-so/${ref}/thao-tac/requestSupplement`, { version: v2, idempotencyKey: 'supp-key-1', missingItems: 'Bản sao giấy chứng nhận ly hôn', reason: 'Thiếu giấy tờ chứng minh' });
    expect(supp.statusCode).toBe(303);

    const residentView = await resident.get(`/ho-so-cua-toi/${ref}`);
    expect(residentView.body).toContain('Chờ bổ sung hồ sơ');
    const v3 = /name="version" value="(\d+)"/.exec(residentView.body)![1]!;
    await resident.postMultipart(`/ho-so-cua-toi/${ref}/tep`, { name: 'ly-hon.pdf', content: PDF, type: 'application/pdf' });
    const supplemented = await resident.postForm(`/ho-so-cua-toi/${ref}/thao-tac/supplement`, { version: v3, idempotencyKey: 'supplemented-1' });
    expect(supplemented.statusCode).toBe(303);

    const v4 = /name="version" value="(\d+)"/.exec((await receptionist.get(`/can-bo/ho-so/${ref}`)).body)![1]!;
    const specialistId = /<option value="(\d+)">Phạm Văn Chuyên Viên<\/option>/.exec((await receptionist.get(`/can-bo/ho-so/${ref}`)).body)![1]!;
    expect((await receptionist.postForm(`/can-bo/ho-so/${ref}/thao-tac/assign`, { version: v4, idempotencyKey: 'assign-1', specialistUserId: specialistId })).statusCode).toBe(303);

    const specialist = new TestClient(app);
    await specialist.login('tumy.chuyenvien');
    const sp = await specialist.get(`/can-bo/ho-so/${ref}`);
    const v5 = /name="version" value="(\d+)"/.exec(sp.body)![1]!;
    expect((await specialist.postForm(`/can-bo/ho-so/${ref}/thao-tac/submitForApproval`, { version: v5, idempotencyKey: 'sfa-1', note: 'Đủ điều kiện' })).statusCode).toBe(303);

    const leader = new TestClient(app);
    await leader.login('tumy.lanhdao');
    const lp = await leader.get(`/can-bo/ho-so/${ref}`);
    const v6 = /name="version" value="(\d+)"/.exec(lp.body)![1]!;
    expect((await leader.postForm(`/can-bo/ho-so/${ref}/thao-tac/approve`, { version: v6, idempotencyKey: 'approve-1' })).statusCode).toBe(303);

    const v7 = /name="version" value="(\d+)"/.exec((await receptionist.get(`/can-bo/ho-so/${ref}`)).body)![1]!;
    expect((await receptionist.postForm(`/can-bo/ho-so/${ref}/thao-tac/returnResult`, { version: v7, idempotencyKey: 'return-1', method: 'counter' })).statusCode).toBe(303);

    const rv = await resident.get(`/ho-so-cua-toi/${ref}`);
    const v8 = /name="version" value="(\d+)"/.exec(rv.body)![1]!;
    expect((await resident.postForm(`/ho-so-cua-toi/${ref}/thao-tac/rate`, { version: v8, idempotencyKey: 'rate-1', score: '5', comment: 'Nhanh, chu đáo' })).statusCode).toBe(303);
    const final = await resident.get(`/ho-so-cua-toi/${ref}`);
    expect(final.body).toContain('Đã trả kết quả');
    expect(final.body).toContain('5/5');

    const control = await receptionist.get(`/ho-so/${ref}/in/phieu-kiem-soat`);
    expect(control.statusCode).toBe(200);
    expect(control.body).toContain('Phê duyệt');
    const lookup = await new TestClient(app).get(`/tra-cuu?ma=${ref}&sdt=5678`);
    expect(lookup.body).toContain('N. V. A.');
    expect(lookup.body).not.toContain('Nguyễn Văn An');
  });
});
