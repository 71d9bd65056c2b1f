import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/identity/demo.js';
import { afterAll, beforeAll, expect } from 'vitest';
import { PROJECT_ROOT, startServer, type RunningServer, type StartOptions } from './server.js';

export { DEMO_PASSWORD };

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** Where screenshots go (ignored by git). */
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, '.tmp');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh, isolated context (own cookies) on the server under test; Vietnamese locale. */
export function newContext(browser: Browser, baseURL: string, opts: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...opts });
}

/** Waits until the locator (first match) is visible; fails with a readable message otherwise. */
export async function expectVisible(locator: Locator, timeout = 5_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`expected to be visible: ${locator.toString()}`);
  }
}

/** Signs in through the login form and waits for the redirect away from /dang-nhap. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/dang-nhap')) await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/dang-nhap'), page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()]);
}

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA, plus best practices) on the current page and returns
 * a readable report of the violations; empty string when there are none.
 * The page's CSP (script-src 'self') blocks the injected script unless the context was made with bypassCSP: true.
 */
export async function axeReport(page: Page): Promise<string> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations;
  }) as AxeViolation[];
  return violations
    .map(
      (v) =>
        `[${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes.map((n) => `    at ${JSON.stringify(n.target)}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `e2e-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Path and query of the page's current URL, e.g. "/dang-nhap?da-dang-xuat=1". */
export function currentPath(page: Page): string {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

/**
 * What assistive technology gets for the element matched by a CSS selector, from Chromium's accessibility tree:
 * role, accessible name, accessible description and whether it is exposed as invalid.
 */
export async function accessibilityOf(page: Page, selector: string): Promise<{ role: string; name: string; description: string; invalid: boolean }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
    const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })) as { nodeId: number };
    if (!nodeId) throw new Error(`no element matches ${selector}`);
    const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })) as {
      nodes: Array<{ role?: { value?: string }; name?: { value?: string }; description?: { value?: string }; properties?: Array<{ name: string; value: { value?: unknown } }> }>;
    };
    const n = nodes[0];
    const invalid = n?.properties?.find((p) => p.name === 'invalid')?.value.value;
    return {
      role: String(n?.role?.value ?? ''),
      name: String(n?.name?.value ?? ''),
      description: String(n?.description?.value ?? ''),
      invalid: invalid !== undefined && invalid !== 'false' && invalid !== false,
    };
  } finally {
    await cdp.detach();
  }
}

/**
 * Starts the product (with `serverOptions`: e.g. demo dossiers generated first) and chromium once for the test file
 * (torn down after it) and returns a factory of fresh browser contexts pointed at the server.
 */
export function useServerAndBrowser(serverOptions: StartOptions = {}): (opts?: BrowserContextOptions) => Promise<BrowserContext> {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(serverOptions), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return (opts = {}) => newContext(browser!, server!.baseUrl, opts);
}

// ---------------------------------------------------------------------------------------------
// Small helpers for the dossier tests: tiny valid files to upload and poppler-utils wrappers.

/** A minimal, valid one-page PDF (correct xref offsets) whose page shows `text` (ASCII only). */
export function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 40 780 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A valid 1×1 PNG (what a counter scanner would produce, only smaller). */
export function tinyPng(): Buffer {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
}

/** Runs a poppler-utils tool (`pdftotext`, `pdfinfo`) on a PDF given as bytes; returns its standard output. */
export async function popplerOutput(tool: 'pdftotext' | 'pdfinfo', pdf: Buffer): Promise<string> {
  const { execFile } = await import('node:child_process');
  const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(path.join(tmpdir(), 'xaso-e2e-pdf-'));
  try {
    const file = path.join(dir, 'in.pdf');
    await writeFile(file, pdf);
    const args = tool === 'pdftotext' ? ['-enc', 'UTF-8', file, '-'] : [file];
    return await new Promise<string>((resolve, reject) =>
      execFile(tool, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => (err ? reject(new Error(`${tool} failed: ${err.message}\n${stderr}`)) : resolve(stdout))),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Performs a dossier action from its `<details class="action">` disclosure: opens it (unless open already),
 * lets `fill` complete the fields inside, presses the button of the same name and waits for the
 * POST-redirect-GET to land back on the dossier page. Fails with the page's alert text when the post is refused.
 */
export async function performAction(page: Page, label: string, fill?: (form: Locator) => Promise<void>): Promise<void> {
  const details = page.locator('details.action').filter({ has: page.locator(`summary:text-is(${JSON.stringify(label)})`) });
  const count = await details.count();
  if (count !== 1) throw new Error(`expected one action "${label}" on ${page.url()}, found ${count}`);
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  const form = details.locator('form');
  if (fill) await fill(form);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    form.getByRole('button', { name: label, exact: true }).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  if (response.status() !== 303) {
    const alert = await page.getByRole('alert').allInnerTexts().catch(() => []);
    throw new Error(`action "${label}" answered ${response.status()} on ${page.url()}: ${alert.join(' | ')}`);
  }
  await page.waitForURL((u) => u.searchParams.has('da'));
}

/**
 * Uploads one file through the dossier page's upload form ("Tải lên") and returns the status of the POST
 * (303 when stored, 4xx when refused and the page is shown again with the reason).
 */
export async function uploadDossierFile(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  opts: { document?: string; digitized?: boolean } = {},
): Promise<number> {
  const form = page.locator('form.upload');
  if (opts.document !== undefined) {
    // Options show the required paper's name (long names cut at 88 characters): choose the first that starts with `document`.
    const select = form.getByLabel('Giấy tờ', { exact: true });
    const value = await select.evaluate((el, start) => Array.from((el as HTMLSelectElement).options).find((o) => o.text.startsWith(start))?.value ?? null, opts.document);
    if (value === null) throw new Error(`no paper starting with "${opts.document}" in the upload form`);
    await select.selectOption(value);
  }
  await form.getByLabel('Tệp (PDF, JPEG hoặc PNG, tối đa 10 MB)', { exact: true }).setInputFiles(file);
  if (opts.digitized) await form.getByLabel('Bản số hóa từ giấy tờ gốc (scan tại quầy)', { exact: true }).check();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    form.getByRole('button', { name: 'Tải lên', exact: true }).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  if (response.status() === 303) await page.waitForURL((u) => u.searchParams.get('da') === 'tep');
  return response.status();
}

/** Runs axe-core on the page (the context must bypass CSP) and fails with the violations listed. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const report = await axeReport(page);
  expect(report, `axe-core violations on ${label} (${page.url()}):\n${report}`).toBe('');
}

const squashSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The value next to a term of a dossier's facts list (`<dl class="facts">`). */
export async function dossierFact(page: Page, term: string): Promise<string> {
  return squashSpace((await page.locator(`dl.facts dt:text-is(${JSON.stringify(term)}) + dd`).first().textContent()) ?? '');
}

/** The status tag under a dossier's heading, and the links of its uploaded files. */
export const dossierStatusTag = (page: Page) => page.locator('main h1 + p .tag').first();
export const dossierFileLinks = (page: Page) => page.locator('section[aria-labelledby="docs-title"] li a');

/** The page fits a 360 px wide phone without sideways scrolling (WCAG 1.4.10 Reflow) and axe-core finds nothing. */
export async function expectPhoneFitAndAxeClean(page: Page, label: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label} fits 360 px`).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page, `${label} at 360 px`);
}

/** The counter officer (signed in on `page`) receives a new dossier of `procedureCode` for `applicantName`; returns its code. */
export async function receiveAtCounter(page: Page, procedureCode: string, applicantName: string): Promise<string> {
  await page.goto('/can-bo/tiep-nhan');
  await page.getByLabel('Thủ tục hành chính', { exact: true }).selectOption(procedureCode);
  await page.getByLabel('Họ và tên người nộp', { exact: true }).fill(applicantName);
  await Promise.all([page.waitForURL((u) => /^\/can-bo\/ho-so\/nhap-\d+$/.test(u.pathname)), page.getByRole('button', { name: 'Tạo hồ sơ và nhận giấy tờ', exact: true }).click()]);
  await performAction(page, 'Tiếp nhận');
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

/** A page on a 360 px phone (CSP bypassed for axe-core), signed in as `username` for the whole file: `phone.page`. */
export function useSignedInPhonePage(openContext: (opts?: BrowserContextOptions) => Promise<BrowserContext>, username: string): { readonly page: Page } {
  const phone = {} as { page: Page; context?: BrowserContext };
  beforeAll(async () => {
    phone.context = await openContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    phone.page = await phone.context.newPage();
    await signIn(phone.page, username);
  });
  afterAll(async () => {
    await phone.context?.close();
  });
  return phone;
}
