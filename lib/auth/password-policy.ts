// The password rule (GB/T 22239-2019 level 3 asks for complexity; OWASP ASVS
// for a length floor and a common-password check): at least 10 characters,
// three of the four classes (lower case, upper case, digits, others), not
// containing the login, and not one of the passwords every attacker tries
// first. Pure, so the forms and the server check the same thing.
import { z } from "@/lib/validation/zod";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

// What password-spraying lists start with, and the ones people in this
// domain pick; compared case-insensitively and with the decorations people
// add (trailing digits and punctuation) stripped.
const COMMON_PASSWORDS = [
  "password", "passw0rd", "p@ssw0rd", "p@ssword", "qwerty", "qwertyuiop", "qwerty123", "1qaz2wsx", "1q2w3e4r", "1q2w3e4r5t",
  "zaq12wsx", "abc123", "abcd1234", "a1b2c3d4", "admin", "admin123", "administrator", "root", "letmein", "welcome",
  "iloveyou", "monkey", "dragon", "sunshine", "princess", "football", "baseball", "master", "superman", "trustno1",
  "changeme", "default", "test", "guest", "user", "login", "secret", "123456", "12345678", "123456789", "1234567890",
  "111111", "000000", "888888", "666666", "520520", "5201314", "woaini", "woaini1314", "aini1314", "wangyi", "zhangwei",
  "annex", "annex2021", "fagaiwei", "fgw", "drc", "zhengfu", "gov", "beijing", "wenzhou", "shisiwu", "china",
];
const COMMON = new Set(COMMON_PASSWORDS);
const COMMON_STEMS = new Set(COMMON_PASSWORDS.map((p) => stem(p)).filter(Boolean));

function stem(password: string): string {
  return password.toLowerCase().replace(/[\d\W_]+$/u, "").replace(/^[\d\W_]+/u, "");
}

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** Every rule the password breaks, in Chinese; empty when it is acceptable. */
export function passwordProblems(password: string, login: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push("密码过长");
  if (characterClasses(password) < 3) problems.push("密码须包含小写字母、大写字母、数字、符号中的至少三类");
  const lower = password.toLowerCase();
  const trimmedLogin = login.trim().toLowerCase();
  if (trimmedLogin.length >= 2 && lower.includes(trimmedLogin)) problems.push("密码不能包含登录名");
  const s = stem(password);
  if (COMMON.has(lower) || COMMON_STEMS.has(s) || /^(.)\1+$/.test(password)) problems.push("密码过于常见，请换一个");
  return problems;
}

/** For schemas that hold a login and a password: adds one issue per broken rule on the password. */
export function checkPasswordPolicy(value: { login: string; password: string }, ctx: z.RefinementCtx): void {
  for (const message of passwordProblems(value.password, value.login)) ctx.addIssue({ code: "custom", message, path: ["password"] });
}
