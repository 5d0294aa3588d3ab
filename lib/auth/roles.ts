// Roles, with the names users see. Kept free of server imports so client
// components can show role names too.
export const ROLES = ["ADMIN", "REVIEWER", "EDITOR", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "系统管理员",
  REVIEWER: "发改委（审核）",
  EDITOR: "实施单位（填报）",
  VIEWER: "只读",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
