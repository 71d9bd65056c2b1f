import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/identity/demo.js';
import { afterAll, beforeAll } from 'vitest';
import { PROJECT_ROOT, startServer, type RunningServer } from './server.js';

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
 * Starts the product and chromium once for the test file (torn down after it) and returns a factory of fresh
 * browser contexts pointed at the server.
 */
export function useServerAndBrowser(): (opts?: BrowserContextOptions) => Promise<BrowserContext> {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return (opts = {}) => newContext(browser!, server!.baseUrl, opts);
}
