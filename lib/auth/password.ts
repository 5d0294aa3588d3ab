import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the login does not exist, so that a wrong login and a
// wrong password take the same time and cannot be told apart.
export const UNKNOWN_USER_HASH = bcrypt.hashSync("no such user", COST);
