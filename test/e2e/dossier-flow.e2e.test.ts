import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { dossierFact, dossierStatusTag, expectNoAxeViolations, expectVisible, performAction, popplerOutput, screenshot, signIn, tinyPdf, uploadDossierFile, useServerAndBrowser } from './browser.js';

/**
 * One dossier from start to end, as the people involved see it (one browser context each):
 * resident submits online → receptionist receives (receipt PDF checked against the calendar API) →
 * supplement requested and supplied → assigned → submitted for approval → approved → returned → rated;
 * then the public lookup. axe-core runs on every page visited.
 */

const openContext = useServerAndBrowser();
/** The pages send CSP script-src 'self', which blocks injecting axe-core; bypass it in these contexts only. */
const axeContext = () => openContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });

const PROCEDURE = '1.004873'; // Cấp Giấy xác nhận tình trạng hôn nhân: 3 working days, standard workflow
const UNIT_CODE = '18202'; // Xã Tứ Mỹ
const PHONE = '0912345678';
const ID_NUMBER = '042090001234';
const RESIDENT = 'Nguyễn Văn An';
const SPECIALIST = 'Phạm Văn Chuyên Viên';
const COMMENT = 'Cán bộ hướng dẫn tận tình, trả kết quả đúng hẹn.';
const CODE_RE = /^H42\.18202-\d{6}-\d{4}$/;

const pad2 = (n: number) => String(n).padStart(2, '0');
/** Vietnam time (UTC+7, no DST) parts of an instant, computed here independently of the product. */
function vn(iso: string) {
  const t = new Date(Date.parse(iso) + 7 * 3600_000);
  return { hh: pad2(t.getUTCHours()), mm: pad2(t.getUTCMinutes()), date: `${pad2(t.getUTCDate())}/${pad2(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}` };
}
/** As the dossier page shows a moment: "17 giờ 00, 12/05/2026". */
const pageMoment = (iso: string) => { const v = vn(iso); return `${v.hh} giờ ${v.mm}, ${v.date}`; };
/** As the printed forms show it: "17 giờ 00 phút, ngày 12/05/2026". */
const formMoment = (iso: string) => { const v = vn(iso); return `${v.hh} giờ ${v.mm} phút, ngày ${v.date}`; };
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Ids used more than once on the page. axe-core 4.x no longer reports duplicate ids (rules deprecated), but a
 * duplicated id breaks <label for>: the label of the second field names and focuses the first one.
 */
const duplicateIdFindings: string[] = [];
async function recordDuplicateIds(page: Page, label: string) {
  const dups = await page.evaluate(() => {
    const seen = new Map<string, string[]>();
    for (const el of Array.from(document.querySelectorAll('[id]'))) {
      const where = el.closest('form')?.getAttribute('action') ?? '(no form)';
      seen.set(el.id, [...(seen.get(el.id) ?? []), where]);
    }
    return [...seen].filter(([, forms]) => forms.length > 1).map(([id, forms]) => `#${id} in ${forms.join(', ')}`);
  });
  if (dups.length) duplicateIdFindings.push(`${label}: ${dups.join('; ')}`);
}

async function expectNoViolations(page: Page, label: string) {
  await recordDuplicateIds(page, label);
  await expectNoAxeViolations(page, label);
}

const fact = dossierFact;
const statusTag = dossierStatusTag;

/** Pages that scroll sideways at 360 px (WCAG 1.4.10 Reflow), with the elements that stick out. */
const reflowFindings: string[] = [];

/** Full-page screenshots at 1280 and 360 px (.tmp/e2e-dossier-<name>-<width>.png); records sideways scrolling at 360 px. */
async function widthShots(page: Page, name: string) {
  await screenshot(page, `dossier-${name}-1280`);
  await page.setViewportSize({ width: 360, height: 780 });
  await screenshot(page, `dossier-${name}-360`);
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const sticking = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !Array.from(el.children).some((c) => c.getBoundingClientRect().right > width + 0.5))
      .slice(0, 6)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''} (right ${Math.round(el.getBoundingClientRect().right)}px)`);
    return `scrollWidth ${document.documentElement.scrollWidth}px > ${width}px: ${sticking.join(', ')}`;
  });
  if (overflow) reflowFindings.push(`${name} (${new URL(page.url()).pathname}): ${overflow}`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

interface DossierJson {
  code: string | null;
  state: string;
  receivedAt: string | null;
  dueAt: string | null;
  events?: Array<{ action: string; at: string; dueAt: string | null }>;
  attachments?: Array<{ fileName: string; mime: string; digitized: boolean }>;
}

describe(`dossier ${PROCEDURE} from online submission to rating`, () => {
  const contexts: BrowserContext[] = [];
  let resident: Page;
  let reception: Page;
  let code = '';
  let receivedDue = '';
  let receiptText = '';

  const open = async (): Promise<Page> => {
    const context = await axeContext();
    contexts.push(context);
    return context.newPage();
  };
  const staffUrl = () => `/can-bo/ho-so/${code}`;
  const residentUrl = () => `/ho-so-cua-toi/${code}`;
  const apiDossier = async (page: Page): Promise<DossierJson> => {
    const r = await page.context().request.get(`/api/v1/dossiers/${encodeURIComponent(code)}`);
    expect(r.status(), await r.text()).toBe(200);
    return (await r.json()) as DossierJson;
  };
  const deadlineFrom = async (page: Page, receivedAt: string): Promise<string> => {
    const q = new URLSearchParams({ receivedAt, limit: '3', limitUnit: 'working-days', unit: UNIT_CODE });
    const r = await page.context().request.get(`/api/v1/calendar/deadline?${q}`);
    expect(r.status(), await r.text()).toBe(200);
    return ((await r.json()) as { dueAt: string }).dueAt;
  };

  beforeAll(async () => {
    resident = await open();
    reception = await open();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  it('resident: signs in and starts an online application from the procedure page', async () => {
    await signIn(resident, 'congdan');
    const response = await resident.goto(`/thu-tuc/${PROCEDURE}`);
    expect(response?.status()).toBe(200);
    await expectNoViolations(resident, 'procedure page (signed in)');
    await Promise.all([
      resident.waitForURL(/\/ho-so-cua-toi\/nhap-\d+$/),
      resident.getByRole('button', { name: 'Nộp hồ sơ trực tuyến', exact: true }).click(),
    ]);
    await expectVisible(resident.getByRole('heading', { level: 1, name: 'Hồ sơ nháp' }));
    await expectVisible(resident.getByRole('heading', { level: 2, name: 'Thông tin người nộp' }));
    expect(await resident.getByLabel('Họ và tên', { exact: true }).inputValue()).toBe(RESIDENT);
    expect(await statusTag(resident).textContent()).toBe('Bản nháp');
    await expectNoViolations(resident, 'draft page');
  });

  it('resident: completes the applicant details, uploads a PDF and submits', async () => {
    await resident.getByLabel('Số định danh cá nhân (CCCD)', { exact: true }).fill(ID_NUMBER);
    await resident.getByLabel('Số điện thoại', { exact: true }).fill(PHONE);
    await resident.getByLabel('E-mail (không bắt buộc)', { exact: true }).fill('an.nguyen@example.vn');
    await resident.getByLabel('Địa chỉ', { exact: true }).fill('Thôn Tân Hòa, xã Tứ Mỹ, tỉnh Hà Tĩnh');
    await resident.getByLabel('Nội dung yêu cầu giải quyết', { exact: true }).fill('Xác nhận tình trạng hôn nhân để đăng ký kết hôn');
    await Promise.all([resident.waitForURL((u) => u.searchParams.get('da') === 'luu'), resident.getByRole('button', { name: 'Lưu thông tin', exact: true }).click()]);
    await expectVisible(resident.getByRole('status').filter({ hasText: 'Đã lưu bản nháp.' }));
    expect(await resident.getByLabel('Số điện thoại', { exact: true }).inputValue()).toBe(PHONE);

    const status = await uploadDossierFile(resident, { name: 'to-khai-xac-nhan.pdf', mimeType: 'application/pdf', buffer: tinyPdf('To khai xac nhan tinh trang hon nhan') }, { document: 'Mẫu điện tử tương tác cấp Giấy xác nhận' });
    expect(status).toBe(303);
    await expectVisible(resident.getByRole('status').filter({ hasText: 'Đã tải tệp lên.' }));
    await expectVisible(resident.getByRole('link', { name: 'to-khai-xac-nhan.pdf', exact: true }));
    await expectNoViolations(resident, 'draft page with an uploaded file');

    await performAction(resident, 'Nộp hồ sơ');
    const url = new URL(resident.url());
    const m = /^\/ho-so-cua-toi\/([^/]+)$/.exec(url.pathname);
    expect(m, url.pathname).not.toBeNull();
    code = decodeURIComponent(m![1]!);
    expect(code).toMatch(CODE_RE);
    await expectVisible(resident.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }));
    await expectVisible(resident.getByRole('status').filter({ hasText: 'Đã nộp hồ sơ.' }));
    expect(await statusTag(resident).textContent()).toBe('Chờ tiếp nhận');
    await expectNoViolations(resident, 'resident dossier page (submitted)');
  });

  it('receptionist: finds it in "Chờ tiếp nhận" and receives it with the fee paid', async () => {
    await signIn(reception, 'tumy.tiepnhan');
    expect((await reception.goto('/can-bo'))?.status()).toBe(200);
    await expectVisible(reception.getByRole('link', { name: /^Chờ tiếp nhận/ }));
    const table = reception.getByRole('table', { name: /^Chờ tiếp nhận: \d+ hồ sơ$/ });
    await expectVisible(table.getByRole('row').filter({ hasText: RESIDENT }).filter({ hasText: code }));
    await expectNoViolations(reception, 'staff queue Chờ tiếp nhận');

    await Promise.all([reception.waitForURL((u) => u.pathname === staffUrl()), table.getByRole('link', { name: code, exact: true }).click()]);
    expect(await statusTag(reception).textContent()).toBe('Chờ tiếp nhận');
    await expectVisible(reception.getByRole('link', { name: 'to-khai-xac-nhan.pdf', exact: true }));
    expect(await fact(reception, 'Số định danh')).not.toContain(ID_NUMBER); // masked on pages
    await expectNoViolations(reception, 'staff dossier page (submitted)');

    await performAction(reception, 'Tiếp nhận', async (form) => {
      // The provincial fee for this procedure is not configured (0 đ): nothing to collect, so no fee box.
      await expectVisible(form.getByText('Thủ tục này không thu phí, lệ phí.'));
      expect(await form.getByLabel(/^Đã thu phí/).count()).toBe(0);
    });
    await expectVisible(reception.getByRole('status').filter({ hasText: 'Đã tiếp nhận hồ sơ.' }));
    expect(await statusTag(reception).textContent()).toBe('Đã tiếp nhận');
    receivedDue = await fact(reception, 'Hẹn trả kết quả');
    expect(receivedDue).toMatch(/^\d{2} giờ \d{2}, \d{2}\/\d{2}\/\d{4}$/);
    await expectVisible(reception.getByRole('heading', { level: 2, name: 'In giấy tờ' }));
    await expectNoViolations(reception, 'staff dossier page (received)');
    await widthShots(reception, 'staff-received');
  });

  it('the due date shown equals the calendar API deadline from the receipt time', async () => {
    const d = await apiDossier(reception);
    expect(d.state).toBe('received');
    expect(d.receivedAt).not.toBeNull();
    const computed = await deadlineFrom(reception, d.receivedAt!);
    expect(Date.parse(computed)).toBe(Date.parse(d.dueAt!));
    expect(receivedDue).toBe(pageMoment(computed));
  });

  it('receipt: the HTML print view and the PDF show the code and the due date', async () => {
    const link = reception.getByRole('link', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', exact: true });
    expect(await link.getAttribute('href')).toBe(`/ho-so/${code}/in/giay-tiep-nhan`);
    await Promise.all([reception.waitForURL((u) => u.pathname === `/ho-so/${code}/in/giay-tiep-nhan`), link.click()]);
    const html = squash(await reception.locator('body').innerText());
    expect(html).toContain(code);
    const d = await apiDossier(reception);
    expect(html).toContain(formMoment(d.dueAt!));
    await expectNoViolations(reception, 'receipt print page (HTML)');
    await widthShots(reception, 'receipt');

    await reception.goto(staffUrl());
    const pdfHref = await reception.getByRole('link', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)', exact: true }).getAttribute('href');
    expect(pdfHref).toBe(`/ho-so/${code}/in/giay-tiep-nhan.pdf`);
    const r = await reception.context().request.get(pdfHref!);
    expect(r.status()).toBe(200);
    expect(r.headers()['content-type']).toContain('application/pdf');
    const pdf = await r.body();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = squash(await popplerOutput('pdftotext', pdf));
    expect(text).toContain(code);
    // The due date the dossier page shows ("17 giờ 00, 12/05/2026"), in the form's wording.
    const [, hh, mm, date] = /^(\d{2}) giờ (\d{2}), (.+)$/.exec(receivedDue)!;
    expect(text).toContain(`${hh} giờ ${mm} phút, ngày ${date}`);
    expect(text).toContain(formMoment(d.dueAt!));
    receiptText = text;
  });

  it('a zero fee is printed as "Không thu.", not "0 đồng, chưa nộp"', () => {
    expect(receiptText).toContain('7. Phí, lệ phí: Không thu.');
    expect(receiptText).not.toContain('chưa nộp');
  });

  it('control sheet (HTML) lists the intake step', async () => {
    await reception.goto(staffUrl());
    const link = reception.getByRole('link', { name: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', exact: true });
    await Promise.all([reception.waitForURL((u) => u.pathname === `/ho-so/${code}/in/phieu-kiem-soat`), link.click()]);
    const text = squash(await reception.locator('body').innerText());
    expect(text).toContain(code);
    expect(text).toContain('Tiếp nhận hồ sơ');
    await expectNoViolations(reception, 'control sheet print page (HTML)');
  });

  it('receptionist: requests a supplement', async () => {
    await reception.goto(staffUrl());
    await performAction(reception, 'Yêu cầu bổ sung', async (form) => {
      await form.getByLabel('Giấy tờ cần bổ sung, hoàn thiện', { exact: true }).fill('Bản sao giấy tờ tùy thân (CCCD) còn giá trị');
      await form.getByLabel('Lý do', { exact: true }).fill('Chưa có giấy tờ tùy thân trong hồ sơ');
    });
    await expectVisible(reception.getByRole('status').filter({ hasText: 'Đã thực hiện: Yêu cầu bổ sung.' }));
    expect(await statusTag(reception).textContent()).toBe('Chờ bổ sung hồ sơ');
    await expectVisible(reception.getByRole('link', { name: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', exact: true }));
    await expectNoViolations(reception, 'staff dossier page (supplement requested)');

    await reception.getByRole('link', { name: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', exact: true }).click();
    await reception.waitForURL((u) => u.pathname === `/ho-so/${code}/in/phieu-bo-sung`);
    expect(squash(await reception.locator('body').innerText())).toContain('Bản sao giấy tờ tùy thân (CCCD) còn giá trị');
    await expectNoViolations(reception, 'supplement request print page (HTML)');
  });

  it('resident: sees "Chờ bổ sung hồ sơ", uploads the missing paper and marks the supplement done', async () => {
    expect((await resident.goto(residentUrl()))?.status()).toBe(200);
    expect(await statusTag(resident).textContent()).toBe('Chờ bổ sung hồ sơ');
    await expectVisible(resident.getByText('Cần bổ sung: Bản sao giấy tờ tùy thân (CCCD) còn giá trị'));
    await expectNoViolations(resident, 'resident dossier page (supplement requested)');

    const status = await uploadDossierFile(resident, { name: 'cccd-ban-sao.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Ban sao CCCD') }, { document: 'Hộ chiếu/Thẻ căn cước' });
    expect(status).toBe(303);
    await expectVisible(resident.getByRole('link', { name: 'cccd-ban-sao.pdf', exact: true }));
    await expectNoViolations(resident, 'resident dossier page (supplement uploaded)');

    await performAction(resident, 'Đã bổ sung hồ sơ');
    expect(await statusTag(resident).textContent()).toBe('Đã tiếp nhận');
    await expectNoViolations(resident, 'resident dossier page (supplemented)');
  });

  it('after the supplement the time limit restarts: the due date equals the API deadline from the supplement', async () => {
    const d = await apiDossier(reception);
    const supplemented = d.events!.filter((e) => e.action === 'supplement').at(-1);
    expect(supplemented).toBeDefined();
    const computed = await deadlineFrom(reception, supplemented!.at);
    expect(Date.parse(d.dueAt!)).toBe(Date.parse(computed));
    expect(d.attachments!.map((a) => a.fileName).sort()).toEqual(['cccd-ban-sao.pdf', 'to-khai-xac-nhan.pdf']);
    await reception.goto(staffUrl());
    expect(await fact(reception, 'Hẹn trả kết quả')).toBe(pageMoment(computed));
  });

  it(`receptionist: assigns it to ${SPECIALIST}`, async () => {
    await reception.goto(staffUrl());
    await expectNoViolations(reception, 'staff dossier page (received again)');
    await performAction(reception, 'Phân công', async (form) => {
      await form.getByLabel('Chuyên viên xử lý', { exact: true }).selectOption({ label: SPECIALIST });
    });
    await expectVisible(reception.getByRole('status').filter({ hasText: 'Đã thực hiện: Phân công.' }));
    expect(await statusTag(reception).textContent()).toBe('Đang xử lý');
    expect(await fact(reception, 'Chuyên viên xử lý')).toBe(SPECIALIST);
    await expectNoViolations(reception, 'staff dossier page (processing)');
  });

  it('specialist: finds it in "Được giao cho tôi" and submits it for approval', async () => {
    const page = await open();
    await signIn(page, 'tumy.chuyenvien');
    await page.goto('/can-bo?hang=assignedToMe');
    const table = page.getByRole('table', { name: /^Được giao cho tôi: \d+ hồ sơ$/ });
    await expectVisible(table.getByRole('link', { name: code, exact: true }));
    await expectNoViolations(page, 'staff queue Được giao cho tôi');
    await Promise.all([page.waitForURL((u) => u.pathname === staffUrl()), table.getByRole('link', { name: code, exact: true }).click()]);
    await expectNoViolations(page, 'staff dossier page (processing, specialist)');
    await performAction(page, 'Trình phê duyệt', async (form) => {
      await form.locator('textarea[name="note"]').fill('Đủ điều kiện cấp Giấy xác nhận.');
    });
    await expectVisible(page.getByRole('status').filter({ hasText: 'Đã thực hiện: Trình phê duyệt.' }));
    expect(await statusTag(page).textContent()).toBe('Chờ phê duyệt');
    await expectNoViolations(page, 'staff dossier page (awaiting approval, specialist)');
  });

  it('leader: finds it in "Chờ phê duyệt" and approves it', async () => {
    const page = await open();
    await signIn(page, 'tumy.lanhdao');
    await page.goto('/can-bo?hang=awaitingApproval');
    const table = page.getByRole('table', { name: /^Chờ phê duyệt: \d+ hồ sơ$/ });
    await expectVisible(table.getByRole('link', { name: code, exact: true }));
    await expectNoViolations(page, 'staff queue Chờ phê duyệt');
    await Promise.all([page.waitForURL((u) => u.pathname === staffUrl()), table.getByRole('link', { name: code, exact: true }).click()]);
    await expectNoViolations(page, 'staff dossier page (awaiting approval, leader)');
    await performAction(page, 'Phê duyệt');
    await expectVisible(page.getByRole('status').filter({ hasText: 'Đã thực hiện: Phê duyệt.' }));
    expect(await statusTag(page).textContent()).toBe('Có kết quả, chờ trả');
    // the result was signed at approval: leader's signature, then the commune's seal, numbered in the register
    const result = page.getByRole('region', { name: 'Kết quả giải quyết' });
    await expectVisible(result.getByText(/^Văn bản số 01\/TB-UBND, ký số ngày .+ bởi Hoàng Văn Lãnh Đạo, có dấu của cơ quan\.$/));
    await expectNoViolations(page, 'staff dossier page (result ready, leader)');
  });

  it('resident: downloads the signed result and the verification page shows both signatures valid', async () => {
    await resident.goto(residentUrl());
    const link = resident.getByRole('link', { name: 'Tải kết quả (PDF có chữ ký số)' });
    const [download] = await Promise.all([resident.waitForEvent('download'), link.click()]);
    const file = await download.path();
    expect(file).toBeTruthy();
    const pdf = readFileSync(file!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const sigs = spawnSync('pdfsig', [file!], { encoding: 'utf8' }).stdout; // the TEST CA is not in pdfsig's NSS store: only validity is checked here
    expect(sigs).toContain('Signature #2');
    expect(sigs.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(sigs).toContain('Total document signed');

    const page = await open();
    await page.goto('/kiem-tra-chu-ky');
    await page.getByLabel('Tệp PDF cần kiểm tra').setInputFiles(file!);
    await Promise.all([page.waitForURL((u) => u.pathname === '/kiem-tra-chu-ky'), page.getByRole('button', { name: 'Kiểm tra', exact: true }).click()]);
    await expectVisible(page.getByRole('heading', { name: 'Chữ ký 1: hợp lệ' }));
    await expectVisible(page.getByRole('heading', { name: 'Chữ ký 2: hợp lệ' }));
    await expectVisible(page.getByRole('heading', { name: 'Văn bản có trong sổ đăng ký văn bản đi' }));
    expect(await page.locator('body').innerText()).toContain('01/TB-UBND');
    await expectNoViolations(page, 'verification page (signed result)');
    await screenshot(page, 'verify-signed-result');
  });

  it('receptionist: returns the result at the counter', async () => {
    await reception.goto('/can-bo?hang=resultReady');
    const table = reception.getByRole('table', { name: /^Chờ trả kết quả: \d+ hồ sơ$/ });
    await expectVisible(table.getByRole('link', { name: code, exact: true }));
    await expectNoViolations(reception, 'staff queue Chờ trả kết quả');
    await reception.goto(staffUrl());
    await expectNoViolations(reception, 'staff dossier page (result ready)');
    await performAction(reception, 'Trả kết quả', async (form) => {
      await form.getByRole('radio', { name: 'Trực tiếp tại Trung tâm', exact: true }).check();
    });
    await expectVisible(reception.getByRole('status').filter({ hasText: 'Đã thực hiện: Trả kết quả.' }));
    expect(await statusTag(reception).textContent()).toBe('Đã trả kết quả');
    await expectNoViolations(reception, 'staff dossier page (returned)');
    await widthShots(reception, 'staff-returned');

    await reception.getByRole('link', { name: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', exact: true }).click();
    await reception.waitForURL((u) => u.pathname === `/ho-so/${code}/in/phieu-kiem-soat`);
    const sheet = squash(await reception.locator('body').innerText());
    for (const step of ['Tiếp nhận hồ sơ', 'Yêu cầu bổ sung hồ sơ', 'Nhận hồ sơ bổ sung', 'Chuyển chuyên viên xử lý', 'Trình lãnh đạo phê duyệt', 'Phê duyệt, chuyển trả kết quả', 'Trả kết quả']) {
      expect(sheet, step).toContain(step);
    }
    await expectNoViolations(reception, 'control sheet print page (HTML, returned)');
  });

  it('resident: rates the service 5 with a comment; the final state and the rating are shown', async () => {
    await resident.goto(residentUrl());
    expect(await statusTag(resident).textContent()).toBe('Đã trả kết quả');
    await expectNoViolations(resident, 'resident dossier page (returned)');
    await performAction(resident, 'Đánh giá', async (form) => {
      await form.getByRole('radio', { name: '5 – Rất hài lòng', exact: true }).check();
      await form.getByLabel('Góp ý (không bắt buộc)', { exact: true }).fill(COMMENT);
    });
    await expectVisible(resident.getByRole('status').filter({ hasText: 'Đã thực hiện: Đánh giá.' }));
    expect(await statusTag(resident).textContent()).toBe('Đã trả kết quả');
    expect(await fact(resident, 'Đánh giá')).toBe(`5/5 – ${COMMENT}`);
    await expectVisible(resident.getByText('Không có thao tác nào bạn có thể thực hiện với hồ sơ này lúc này.'));
    await expectNoViolations(resident, 'resident dossier page (rated)');

    const d = await apiDossier(resident);
    expect(d.state).toBe('returned');
    expect(d.events!.map((e) => e.action)).toEqual(['submit', 'receive', 'requestSupplement', 'supplement', 'assign', 'submitForApproval', 'approve', 'returnResult', 'rate']);
    await reception.goto(staffUrl());
    expect(await fact(reception, 'Đánh giá')).toBe(`5/5 – ${COMMENT}`);
  });

  it('public lookup: with the last 4 phone digits shows initials, never the full name', async () => {
    const page = await open();
    const tail = PHONE.slice(-4);
    const response = await page.goto(`/tra-cuu?ma=${encodeURIComponent(code)}&sdt=${tail}`);
    expect(response?.status()).toBe(200);
    await expectVisible(page.getByRole('heading', { level: 2, name: `Hồ sơ ${code}` }));
    expect(await fact(page, 'Người nộp')).toBe('N. V. A.');
    expect(await fact(page, 'Kết quả')).toBe('Đã trả kết quả');
    expect(await fact(page, 'Trạng thái')).toBe('Đã trả kết quả');
    const body = await page.locator('body').innerText();
    expect(body).not.toContain(RESIDENT);
    expect(body).not.toContain(PHONE);
    expect(body).not.toContain(COMMENT);
    expect(body).not.toContain(SPECIALIST);
    await expectNoViolations(page, 'public lookup page (verified)');

    // Wrong digits: a warning, general facts only.
    await page.goto(`/tra-cuu?ma=${encodeURIComponent(code)}&sdt=0000`);
    await expectVisible(page.getByRole('status').filter({ hasText: '4 số cuối điện thoại không khớp' }));
    expect(await page.locator('dl.facts dt:text-is("Người nộp")').count()).toBe(0);
    await expectNoViolations(page, 'public lookup page (phone mismatch)');
  });

  it('the staff dossier page (with its upload form) reflows at 360 px without scrolling sideways', () => {
    if (process.env.E2E_PRINT_FINDINGS) console.log(reflowFindings.join('\n'));
    expect(reflowFindings, reflowFindings.join('\n')).toEqual([]);
  });

  it('element ids are unique on every page visited (labels point to their own field)', () => {
    if (process.env.E2E_PRINT_FINDINGS) console.log(duplicateIdFindings.join('\n'));
    expect(duplicateIdFindings, duplicateIdFindings.join('\n')).toEqual([]);
  });
});
