import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { createTestCa, issueCertificate } from '../../src/signing/index.js';
import { run } from './helpers.js';
it('dbg', async () => {
  const ca = await createTestCa();
  writeFileSync('/tmp/sigsmoke/ca2.pem', ca.certificatePem);
  let fails = 0;
  for (let i = 0; i < 20; i++) {
    const leaf = await issueCertificate(ca, { kind: 'personal', commonName: 'Hoàng Văn Lãnh Đạo', organisation: 'Ủy ban nhân dân xã Tứ Mỹ', keyAlgorithm: 'RSA' });
    writeFileSync('/tmp/sigsmoke/leaf.pem', leaf.certificatePem);
    const r = run('openssl', ['verify', '-CAfile', '/tmp/sigsmoke/ca2.pem', '/tmp/sigsmoke/leaf.pem']);
    if (r.code !== 0) { fails++; writeFileSync('/tmp/sigsmoke/badleaf.pem', leaf.certificatePem); }
  }
  console.log('fails', fails);
});
