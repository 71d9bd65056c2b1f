import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db/index.js';
import { getSetting } from '../platform/settings.js';
import { DEFAULT_CODE_FORMAT } from './code.js';

/** The agency code of a unit and the installation's dossier-code format (setting `dossier.codeFormat`). */
export async function codeSettingsOf(db: Database, unitId: number): Promise<{ agencyCode: string; format: string }> {
  const rows = await db.rows<{ agency_code: string }>(sql`select agency_code from units where id = ${unitId}`);
  return { agencyCode: rows[0]?.agency_code ?? String(unitId), format: (await getSetting(db, 'dossier.codeFormat')) ?? DEFAULT_CODE_FORMAT };
}
