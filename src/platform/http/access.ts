import type { FastifyRequest } from 'fastify';

/** Staff roles, each held in a unit. A citizen is an account without staff roles. */
export const STAFF_ROLES = ['receptionist', 'specialist', 'leader', 'clerk', 'editor', 'unitAdmin', 'provinceAdmin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Who may call a route. Every route must declare one (the guard refuses to register a route without it):
 * - 'public': anyone;
 * - 'signedIn': any signed-in account (citizen or staff);
 * - a list of staff roles: a staff account holding at least one of them in some unit (the handler scopes by unit).
 */
export type Access = 'public' | 'signedIn' | readonly StaffRole[];

export interface RoleGrant {
  unitId: number;
  role: StaffRole;
}

export interface Principal {
  userId: number;
  username: string;
  fullName: string;
  accountType: 'citizen' | 'staff';
  grants: RoleGrant[];
  via: 'session' | 'token';
}

/** Resolves the caller from a session cookie or a bearer token; supplied by the identity module. */
export interface PrincipalResolver {
  fromSession(sessionId: string): Promise<Principal | null>;
  fromToken(token: string): Promise<Principal | null>;
}

export function hasAnyRole(principal: Principal | null, roles: readonly StaffRole[]): boolean {
  return !!principal && principal.grants.some((g) => roles.includes(g.role));
}

/** Units in which the principal holds one of the roles. */
export function unitsWithRole(principal: Principal | null, roles: readonly StaffRole[]): number[] {
  if (!principal) return [];
  return [...new Set(principal.grants.filter((g) => roles.includes(g.role)).map((g) => g.unitId))];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    sessionId: string | null;
    csrfToken: string;
  }
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}
