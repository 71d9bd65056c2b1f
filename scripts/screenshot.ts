// Screenshots of pages for a person to look at: npx tsx scripts/screenshot.ts http://127.0.0.1:3000 /thu-tuc 360 out.png [username]
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/identity/demo.js';

const [base = 'http://127.0.0.1:3000', path = '/', width = '360', out = '.tmp/shot.png', user] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 800 } });
if (user) {
  await page.goto(base + '/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}
await page.goto(base + path);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
