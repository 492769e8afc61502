// Login, logout and token → user. The cookie holds a random token; the table holds its hash.
import { createHash, randomBytes } from 'node:crypto';
import {
  deleteSession,
  findSessionUser,
  findUserByUsername,
  insertSession,
  type Database,
  type UserRow
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { ROLES, type Role } from '../contract';
import type { Principal } from './scope';
import { decoyHash, verifyPassword } from './passwords';

export const SESSION_COOKIE = 'sid';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function toPrincipal(row: UserRow): Principal {
  const role: Role = (ROLES as readonly string[]).includes(row.role) ? (row.role as Role) : 'technician';
  return {
    id: row.id,
    username: row.username,
    role,
    regionIds: row.regionIds,
    technicianId: row.technicianId
  };
}

export interface SessionService {
  login(
    username: string,
    password: string
  ): Promise<{ token: string; user: Principal; expiresAt: Date } | null>;
  resolve(token: string | undefined): Promise<Session | null>;
  /** Ends the session and returns its id, so live sockets of it can be closed too. */
  logout(token: string): Promise<string>;
}

export interface Session {
  /** The token's hash: safe to keep in memory and to name a room after. */
  id: string;
  user: Principal;
  expiresAt: Date;
}

export function createSessionService(db: Database, clock: Clock): SessionService {
  return {
    async login(username, password) {
      const row = await findUserByUsername(db, username);
      const ok = await verifyPassword(row?.passwordHash ?? (await decoyHash()), password);
      if (!row || !ok) return null;
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + SESSION_TTL_MS);
      await insertSession(db, tokenHash(token), row.id, expiresAt);
      return { token, user: toPrincipal(row), expiresAt };
    },
    async resolve(token) {
      if (!token) return null;
      const id = tokenHash(token);
      const row = await findSessionUser(db, id, clock.now());
      return row ? { id, user: toPrincipal(row.user), expiresAt: row.expiresAt } : null;
    },
    async logout(token) {
      const id = tokenHash(token);
      await deleteSession(db, id);
      return id;
    }
  };
}
