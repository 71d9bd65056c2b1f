import type { FastifyRequest } from 'fastify';
import type { Database } from '../platform/db/index.js';
import { forbidden, notFound, STAFF_ROLES } from '../platform/http/index.js';
import { reachableUnitIds } from '../identity/index.js';
import type { Dossier } from './model.js';
import { getDossierByRef } from './queries.js';

/** Units whose dossiers a staff member sees: their units and, for a province role, its communes. */
export async function staffUnitIds(db: Database, request: FastifyRequest): Promise<number[]> {
  const grants = request.principal?.grants ?? [];
  return reachableUnitIds(db, [...new Set(grants.filter((g) => STAFF_ROLES.includes(g.role)).map((g) => g.unitId))]);
}

/** The dossier named in the URL if the caller is staff of its unit; 404 otherwise (no leaking of existence). */
export async function dossierForStaff(db: Database, request: FastifyRequest, ref: string): Promise<Dossier> {
  const d = await getDossierByRef(db, ref);
  if (!d || !(await staffUnitIds(db, request)).includes(d.unitId)) throw notFound('Không tìm thấy hồ sơ trong đơn vị của bạn.');
  if (d.state === 'draft' && d.ownerUserId !== null) throw notFound('Không tìm thấy hồ sơ trong đơn vị của bạn.');
  return d;
}

/** The dossier named in the URL if the caller is its applicant. */
export async function dossierForApplicant(db: Database, request: FastifyRequest, ref: string): Promise<Dossier> {
  const d = await getDossierByRef(db, ref);
  if (!d || !request.principal || d.ownerUserId !== request.principal.userId) throw notFound('Không tìm thấy hồ sơ của bạn.');
  return d;
}

export function requirePrincipal(request: FastifyRequest) {
  if (!request.principal) throw forbidden();
  return request.principal;
}
