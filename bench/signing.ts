// Signing throughput: rendered-and-signed documents per second end to end, signing alone, and `openssl speed`
// for the same key types in the same run (the machine is noisy: compare within a run). Short mode (CI) runs a
// quarter of the iterations.
import { execFileSync } from 'node:child_process';
import { renderOfficialPdf } from '../src/documents/official/render.js';
import { officialLetter } from '../src/documents/official/templates.js';
import { createTestCa, issueCertificate, keyObjectSigner, signPdf, type KeyAlgorithm } from '../src/signing/index.js';
import { createPrivateKey } from 'node:crypto';
import { signOfficialDocument } from '../src/documents/issuing/sign-official.js';

async function rate(label: string, n: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  const perSecond = n / (Number(process.hrtime.bigint() - start) / 1e9);
  console.log(`${label.padEnd(52)} ${perSecond.toFixed(1).padStart(9)} /s`);
  return perSecond;
}

function opensslSpeed(alg: string): string {
  try {
    const out = execFileSync('openssl', ['speed', '-seconds', '1', alg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim().split('\n').slice(-1)[0]!.replace(/\s+/g, ' ');
  } catch {
    return 'openssl speed unavailable';
  }
}

export async function benchSigning(opts: { short?: boolean } = {}) {
  const n = (iterations: number) => (opts.short ? Math.max(5, Math.round(iterations / 4)) : iterations);
  const letter = officialLetter({
    issuer: { parentBody: null, issuingBody: 'ỦY BAN NHÂN DÂN XÃ TỨ MỸ', place: 'Tứ Mỹ' },
    number: '15', symbol: 'UBND-VP', date: new Date('2027-01-05T02:00:00Z'), subject: 'kiểm tra tốc độ ký số', to: ['Ủy ban nhân dân tỉnh Hà Tĩnh'],
    paragraphs: ['Văn bản dùng để đo tốc độ ký số của hệ thống.', 'Trân trọng./.'], signer: { title: 'CHỦ TỊCH', name: 'Nguyễn Văn A' },
    recipients: ['Như trên;'], qrUrl: 'http://127.0.0.1:3000/kiem-tra-chu-ky',
  });
  const ca = await createTestCa();
  for (const alg of ['RSA', 'ECDSA'] as KeyAlgorithm[]) {
    const id = await issueCertificate(ca, { kind: 'personal', commonName: 'Người ký thử', keyAlgorithm: alg });
    const signer = keyObjectSigner(createPrivateKey({ key: Buffer.from(id.privateKeyPkcs8Der), format: 'der', type: 'pkcs8' }), id.chainDer);
    const { pdf } = await renderOfficialPdf(letter);
    const meta = { reason: 'Ký thử', location: 'Tứ Mỹ', name: 'Người ký thử', signingTime: new Date() };
    const render = await rate(`${alg}: render only`, n(20), () => renderOfficialPdf(letter));
    const endToEnd = await rate(`${alg}: render + sign (end to end)`, n(20), async () => signPdf(new Uint8Array((await renderOfficialPdf(letter)).pdf), signer, meta));
    const signOnly = await rate(`${alg}: sign an already rendered PDF`, n(50), () => signPdf(new Uint8Array(pdf), signer, meta));
    const seal = await issueCertificate(ca, { kind: 'organisation', commonName: 'Ủy ban nhân dân xã Tứ Mỹ', keyAlgorithm: alg });
    const sealSigner = keyObjectSigner(createPrivateKey({ key: Buffer.from(seal.privateKeyPkcs8Der), format: 'der', type: 'pkcs8' }), seal.chainDer);
    const issued = await rate(`${alg}: issued document (render, signature + seal images)`, n(20), async () => {
      const r = await renderOfficialPdf(letter);
      return signOfficialDocument({
        pdf: r.pdf, signatureRect: r.signatureRect, signingTime: new Date(), location: 'Tứ Mỹ', documentNumber: '15/UBND-VP',
        signers: { person: { signer, name: 'Nguyễn Văn A' }, seal: { signer: sealSigner, bodyName: 'Ủy ban nhân dân xã Tứ Mỹ', parentName: 'tỉnh Hà Tĩnh' } },
      });
    });
    console.log(`  issued/render ${(issued / render).toFixed(2)}`);
    console.log(`  ratios: end-to-end/render ${(endToEnd / render).toFixed(2)}, sign-only/end-to-end ${(signOnly / endToEnd).toFixed(2)}`);
    console.log(`  ${opensslSpeed(alg === 'RSA' ? 'rsa2048' : 'ecdsap256')}`);
  }
}
