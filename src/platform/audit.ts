import { sql } from 'drizzle-orm';
import type { Database } from './db/index.js';

export interface AuditEntry {
  unitId?: number | null;
  actorUserId?: number | null;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends one row to the audit log (append-only: the table refuses UPDATE and DELETE). Never put secrets in details. */
export async function audit(db: Pick<Database, 'rows'>, entry: AuditEntry): Promise<void> {
  await db.rows(sql`insert into audit_log (unit_id, actor_user_id, action, target, details, ip)
    values (${entry.unitId ?? null}, ${entry.actorUserId ?? null}, ${entry.action}, ${entry.target ?? null},
            ${JSON.stringify(entry.details ?? {})}::jsonb, ${entry.ip ?? null})`);
}
