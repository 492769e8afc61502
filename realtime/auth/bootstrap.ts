// The first administrator of a real installation (no demo users): from ADMIN_USERNAME / ADMIN_PASSWORD at
// start. It is created once; an existing user of that name is left as it is, so a changed password in
// the settings never overwrites one the administrator has since set, and nobody else is promoted.
import { findUserByUsername, insertUsers, type Database } from '../../db';
import { hashPassword } from './passwords';

/** Whether it created the administrator. */
export async function ensureAdmin(
  db: Database,
  admin: { username: string; password: string }
): Promise<boolean> {
  if (await findUserByUsername(db, admin.username)) return false;
  const passwordHash = await hashPassword(admin.password);
  await insertUsers(db, [{ username: admin.username, role: 'admin', regionIds: [], passwordHash }]);
  return true;
}
