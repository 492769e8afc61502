// Argon2id (memory-hard), through a maintained native binding shipped in npm packages.
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Compared against when the user does not exist, so a miss costs as long as a wrong password.
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hash('decoy-password-never-valid'));
