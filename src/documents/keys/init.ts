import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.js';
import { createTestCa, issueCertificate } from '../../signing/index.js';
import { peoplesCommitteeName } from '../../identity/index.js';
import { loadTestCa, saveTestCa, type Keystore } from './keystore.js';

/**
 * `xaso keys init`: a clearly labelled TEST certificate authority, an organisation certificate per unit and a
 * personal certificate per leader, so that the demo signs out of the box. Existing keys are kept.
 */
export async function initTestKeys(db: Database, ks: Keystore): Promise<string[]> {
  const created: string[] = [];
  let ca = loadTestCa(ks);
  if (!ca) {
    ca = await createTestCa();
    saveTestCa(ks, ca);
    ks.addTrustedRoot('xaso-test-ca', ca.certificateDer);
    created.push('TEST CA');
  }
  const units = await db.rows<{ code: string; full_name: string }>(sql`select distinct u.code, u.full_name from units u join user_roles r on r.unit_id = u.id order by u.code`);
  for (const u of units) {
    if (ks.has('unit', u.code)) continue;
    ks.save('unit', u.code, await issueCertificate(ca, { kind: 'organisation', commonName: peoplesCommitteeName(u.full_name), organisation: peoplesCommitteeName(u.full_name) }));
    created.push(`unit ${u.code}`);
  }
  const leaders = await db.rows<{ username: string; full_name: string; unit: string }>(sql`select distinct us.username, us.full_name, un.full_name as unit from users us
    join user_roles r on r.user_id = us.id join units un on un.id = r.unit_id where r.role = 'leader' order by us.username`);
  for (const l of leaders) {
    if (ks.has('user', l.username)) continue;
    ks.save('user', l.username, await issueCertificate(ca, { kind: 'personal', commonName: l.full_name, organisation: peoplesCommitteeName(l.unit) }));
    created.push(`user ${l.username}`);
  }
  return created;
}
