import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { accessibilityOf, expectVisible, signIn, useServerAndBrowser } from './browser.js';

let context: BrowserContext;
let page: Page;

const openContext = useServerAndBrowser();

beforeAll(async () => {
  context = await openContext();
  page = await context.newPage();
  await page.goto('/quan-tri/lich');
  await signIn(page, 'tumy.quantri');
});
afterAll(async () => {
  await context?.close();
});

const pad = (n: number) => String(n).padStart(2, '0');
const short = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Second Wednesday of October of `year`. */
function secondWednesdayOfOctober(year: number): string {
  const first = new Date(Date.UTC(year, 9, 1)).getUTCDay();
  const firstWed = 1 + ((3 - first + 7) % 7);
  return `${year}-10-${pad(firstWed + 7)}`;
}

const daysOffTable = () => page.getByRole('table', { name: /ngày nghỉ lễ, Tết, nghỉ bù và nghỉ riêng năm \d{4}$/ });
const ownDaysTable = () => page.getByRole('table', { name: /^Ngày riêng của / });
const addForm = () => page.locator('form[method="post"][action="/quan-tri/lich"]');
const errorSummary = () => page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Có lỗi cần sửa' }) });

async function fillAndSubmit(iso: string, kind: 'Ngày nghỉ riêng' | 'Ngày làm bù (thứ Bảy, Chủ nhật đi làm)', name: string) {
  const date = page.getByRole('group', { name: 'Ngày', exact: true });
  await date.getByLabel('Ngày', { exact: true }).fill(String(Number(iso.slice(8, 10))));
  await date.getByLabel('Tháng', { exact: true }).fill(String(Number(iso.slice(5, 7))));
  await date.getByLabel('Năm', { exact: true }).fill(iso.slice(0, 4));
  await page.getByRole('radio', { name: kind, exact: true }).check();
  await page.getByLabel('Tên hoặc lý do').fill(name);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/quan-tri/lich'),
    addForm().getByRole('button', { name: 'Thêm vào lịch', exact: true }).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  return response;
}

describe('calendar administration (tumy.quantri)', () => {
  let year: number;
  let day: string; // the local day off added by the first test

  it('shows the current year with 12 month grids and the add form', async () => {
    const h1 = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    const m = /^Lịch làm việc năm (\d{4}) – Xã Tứ Mỹ/.exec(h1.trim());
    expect(m, h1).not.toBeNull();
    year = Number(m![1]);
    expect(Math.abs(year - new Date().getFullYear())).toBeLessThanOrEqual(1);
    for (let month = 1; month <= 12; month++) await expectVisible(page.getByRole('table', { name: `Tháng ${month}/${year}`, exact: true }));
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Thêm ngày nghỉ riêng hoặc ngày làm bù' }));
    // Statutory holidays are listed, e.g. 2 September (Quốc khánh).
    await expectVisible(daysOffTable().getByRole('row').filter({ hasText: `02/09/${year}` }));
  });

  it('adds a local day off on a weekday and lists it in both tables and the month grid', async () => {
    // A Wednesday that is not already a day off (second Wednesday of October, or a later one).
    const listed = (await daysOffTable().textContent()) ?? '';
    day = secondWednesdayOfOctober(year);
    while (listed.includes(short(day))) day = addDays(day, 7);
    expect(new Date(`${day}T00:00:00Z`).getUTCDay()).toBe(3);
    expect(await ownDaysTable().count()).toBe(0); // fresh database: no unit days yet

    const response = await fillAndSubmit(day, 'Ngày nghỉ riêng', 'Ngày hội văn hóa xã Tứ Mỹ');
    expect(response.status()).toBe(303);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/quan-tri/lich');
    expect(url.searchParams.get('nam')).toBe(String(year));
    await expectVisible(page.getByRole('status').filter({ hasText: 'Đã thêm ngày vào lịch.' }));

    const offRow = daysOffTable().getByRole('row').filter({ hasText: short(day) });
    await expectVisible(offRow);
    expect(await offRow.getByRole('cell').allTextContents()).toEqual([`Thứ Tư, ${short(day)}`, 'Ngày hội văn hóa xã Tứ Mỹ', 'Ngày nghỉ riêng của đơn vị']);

    await expectVisible(page.getByRole('heading', { level: 2, name: 'Ngày riêng của đơn vị' }));
    const ownRow = ownDaysTable().getByRole('row').filter({ hasText: short(day) });
    await expectVisible(ownRow);
    const cells = await ownRow.getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual([short(day), 'Ngày nghỉ riêng', 'Ngày hội văn hóa xã Tứ Mỹ']);
    await expectVisible(ownRow.getByRole('button', { name: `Xóa ngày ${short(day)}` }));

    // The October grid marks the day as a day off.
    const cell = page.getByRole('table', { name: `Tháng 10/${year}`, exact: true }).locator('td.off').filter({ hasText: 'Ngày hội văn hóa xã Tứ Mỹ' });
    expect(await cell.count()).toBe(1);
    expect((await cell.textContent())?.startsWith(String(Number(day.slice(8))))).toBe(true);
  });

  it('refuses the same date a second time with an error message', async () => {
    const response = await fillAndSubmit(day, 'Ngày nghỉ riêng', 'Trùng ngày');
    expect(response.status()).toBe(400);
    await expectVisible(errorSummary());
    await expectVisible(errorSummary().getByRole('link', { name: /^Ngày này đã có trong lịch của đơn vị/ }));
    await expectVisible(addForm().locator('.error-message').filter({ hasText: /^Ngày này đã có trong lịch của đơn vị/ }));
    // What was typed is kept.
    expect(await page.getByLabel('Tên hoặc lý do').inputValue()).toBe('Trùng ngày');
    // The existing entry is unchanged and not duplicated.
    const ownRows = ownDaysTable().getByRole('row').filter({ hasText: short(day) });
    expect(await ownRows.count()).toBe(1);
    expect(await ownRows.getByRole('cell').nth(2).textContent()).toBe('Ngày hội văn hóa xã Tứ Mỹ');
  });

  it('refuses a make-up working day on a weekday', async () => {
    const thursday = addDays(day, 1);
    const response = await fillAndSubmit(thursday, 'Ngày làm bù (thứ Bảy, Chủ nhật đi làm)', 'Làm bù thử');
    expect(response.status()).toBe(400);
    await expectVisible(errorSummary().getByRole('link', { name: 'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.', exact: true }));
    await expectVisible(addForm().locator('.error-message').filter({ hasText: 'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.' }));
    // The chosen kind stays selected, and nothing was added.
    expect(await page.getByRole('radio', { name: 'Ngày làm bù (thứ Bảy, Chủ nhật đi làm)' }).isChecked()).toBe(true);
    expect(await ownDaysTable().getByRole('row').filter({ hasText: short(thursday) }).count()).toBe(0);
  });

  it('exposes the error messages on the fields they are about (for screen readers)', async () => {
    // A weekday make-up day with no name: two errors, one on the date group, one on the name field.
    const response = await fillAndSubmit(addDays(day, 1), 'Ngày làm bù (thứ Bảy, Chủ nhật đi làm)', '');
    expect(response.status()).toBe(400);
    await expectVisible(errorSummary().getByRole('link', { name: 'Nhập tên hoặc lý do.' }));
    const problems: string[] = [];
    const dateGroup = await accessibilityOf(page, 'form[action="/quan-tri/lich"][method="post"] fieldset:has(#ngay-m)');
    if (!dateGroup.description.includes('Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.'))
      problems.push(`date group "${dateGroup.name}": description is "${dateGroup.description}", error message not included`);
    const name = await accessibilityOf(page, '#ten');
    if (!name.description.includes('Nhập tên hoặc lý do.')) problems.push(`#ten: description is "${name.description}", error message not included`);
    if (!name.invalid) problems.push('#ten: not exposed as invalid (aria-invalid missing)');
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('removes the local day again', async () => {
    await page.goto(`/quan-tri/lich?nam=${year}`);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.has('da-xoa')),
      ownDaysTable().getByRole('button', { name: `Xóa ngày ${short(day)}` }).click(),
    ]);
    await expectVisible(page.getByRole('status').filter({ hasText: 'Đã xóa ngày khỏi lịch.' }));
    expect(await daysOffTable().getByRole('row').filter({ hasText: short(day) }).count()).toBe(0);
    expect(await ownDaysTable().count()).toBe(0);
  });
});
