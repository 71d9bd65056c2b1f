import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../helpers/app.js';
import { openKeystore } from '../../src/documents/keys/keystore.js';
import { initTestKeys } from '../../src/documents/keys/init.js';
import { renderOfficialPdf } from '../../src/documents/official/render.js';
import { signPdf } from '../../src/signing/index.js';
import { marital } from './official-fixtures.js';

function multipart(name: string, content: Uint8Array) {
  const boundary = '----xasoverify';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('test keys and public verification', () => {
  let app: TestApp;
  const keysDir = mkdtempSync(join(tmpdir(), 'xaso-keys-'));
  let signed: Uint8Array;
  beforeAll(async () => {
    app = await createTestApp({ env: { XASO_KEYS_DIR: keysDir } });
  });
  afterAll(async () => {
    await app.dispose();
    rmSync(keysDir, { recursive: true, force: true });
  });

  it('creates a TEST CA, unit and leader certificates once, keeping private keys encrypted and unreadable by others', async () => {
    const ks = openKeystore(keysDir);
    const created = await initTestKeys(app.db, ks);
    expect(created).toEqual(expect.arrayContaining(['TEST CA', 'unit 18202', 'user tumy.lanhdao']));
    expect(await initTestKeys(app.db, ks)).toEqual([]);
    expect(statSync(join(keysDir, 'passphrase')).mode & 0o077).toBe(0);
    expect(statSync(join(keysDir, 'users', 'tumy.lanhdao.p12')).mode & 0o077).toBe(0);
    expect(ks.trustedRoots()).toHaveLength(1);
  });

  it('signs a result twice (leader, then seal) and the verification API reports both valid', async () => {
    const ks = openKeystore(keysDir);
    const { pdf } = await renderOfficialPdf(marital());
    const leader = (await ks.signer('user', 'tumy.lanhdao'))!;
    const seal = (await ks.signer('unit', '18202'))!;
    const once = await signPdf(new Uint8Array(pdf), leader, { reason: 'Phê duyệt', location: 'Tứ Mỹ', name: 'Hoàng Văn Lãnh Đạo', signingTime: new Date('2027-01-05T09:00:00+07:00') });
    signed = await signPdf(once, seal, { reason: 'Đóng dấu', location: 'Tứ Mỹ', name: 'UBND xã Tứ Mỹ', signingTime: new Date('2027-01-05T09:01:00+07:00') });
    const res = await app.server.inject({ method: 'POST', url: '/api/v1/verify', ...multipart('ket-qua.pdf', signed) });
    expect(res.statusCode).toBe(200);
    const { signatures } = res.json() as { signatures: Array<{ valid: boolean; signerName: string; coversWholeDocument: boolean }> };
    expect(signatures).toHaveLength(2);
    expect(signatures.every((s) => s.valid)).toBe(true);
    expect(signatures[0]!.signerName).toBe('Hoàng Văn Lãnh Đạo');
    expect(signatures[1]!.coversWholeDocument).toBe(true);
  });

  it('reports a document changed by one byte as modified, never as valid', async () => {
    const tampered = new Uint8Array(signed);
    const at = Buffer.from(tampered).indexOf('/Producer');
    tampered[at + 3] = tampered[at + 3]! ^ 1;
    const res = await app.server.inject({ method: 'POST', url: '/api/v1/verify', ...multipart('sua.pdf', tampered) });
    const { signatures } = res.json() as { signatures: Array<{ valid: boolean; intact: boolean }> };
    expect(signatures.some((s) => s.valid)).toBe(false);
    expect(signatures.every((s) => !s.intact)).toBe(true);
    const page = await new TestClient(app).postMultipart('/kiem-tra-chu-ky', { name: 'sua.pdf', content: Buffer.from(tampered), type: 'application/pdf' });
    expect(page.body).toContain('ĐÃ BỊ SỬA sau khi ký');
  });

  it('refuses what is not a PDF with a clear message', async () => {
    const res = await app.server.inject({ method: 'POST', url: '/api/v1/verify', ...multipart('x.pdf', new TextEncoder().encode('hello')) });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'NOT_PDF' });
    const page = await new TestClient(app).postMultipart('/kiem-tra-chu-ky', { name: 'x.pdf', content: Buffer.from('hello'), type: 'application/pdf' });
    expect(page.statusCode).toBe(415);
    expect(page.body).toContain('không phải PDF');
  });
});
