import type { Database } from '../platform/db/index.js';
import type { Principal, PrincipalResolver } from '../platform/http/index.js';
import { sessionUserId } from './sessions.js';
import { tokenUserId } from './tokens.js';
import { findUserById, findUserByUsername, grantsOf } from './users.js';

async function principalOf(db: Database, userId: number | null, via: Principal['via']): Promise<Principal | null> {
  if (userId === null) return null;
  const user = await findUserById(db, userId);
  if (!user || !user.isActive) return null;
  return {
    userId: user.id,
    username: user.username,
    fullName: user.fullName,
    accountType: user.accountType,
    grants: user.accountType === 'staff' ? await grantsOf(db, user.id) : [],
    via,
  };
}

export function createPrincipalResolver(db: Database): PrincipalResolver {
  return {
    fromSession: async (sessionId) => principalOf(db, await sessionUserId(db, sessionId), 'session'),
    fromToken: async (token) => principalOf(db, await tokenUserId(db, token), 'token'),
  };
}

/** The principal of an account by its username (command-line tools and the demo generator act as real accounts). */
export async function principalByUsername(db: Database, username: string): Promise<Principal | null> {
  const user = await findUserByUsername(db, username);
  return user ? principalOf(db, user.id, 'token') : null;
}
