// Who may do what: the one table the server consults before every read and
// mutation. The UI asks the same table only to hide what would be refused.
import { isRole, type Role } from "./roles";

export const PERMISSIONS = {
  "annex.read": ["ADMIN", "REVIEWER", "EDITOR", "VIEWER"],
  "annex.export": ["ADMIN", "REVIEWER", "EDITOR", "VIEWER"],
  "project.create": ["ADMIN", "REVIEWER"],
  "project.delete": ["ADMIN", "REVIEWER"],
  "project.restore": ["ADMIN", "REVIEWER"],
  // Every field of any project (domain, 序号, investment figures included).
  "project.edit.any": ["ADMIN", "REVIEWER"],
  // The fields a unit answers for, on projects the unit implements.
  "project.edit.own": ["EDITOR"],
  "change-request.create": ["EDITOR"],
  "change-request.decide": ["ADMIN", "REVIEWER"],
  "units.manage": ["ADMIN", "REVIEWER"],
  "users.manage": ["ADMIN"],
  // The server's own figures (event-loop delay, memory): GET /api/metrics.
  "server.metrics": ["ADMIN"],
  // Every signed-in person's own account (their password).
  "account.self": ["ADMIN", "REVIEWER", "EDITOR", "VIEWER"],
  // The audit trail: read and export.
  "audit.read": ["ADMIN"],
  "annex.import": ["ADMIN", "REVIEWER"],
  "progress.read": ["ADMIN", "REVIEWER", "EDITOR", "VIEWER"],
  // Monthly reports: the DRC on any project, a unit on the projects it implements.
  "progress.report.any": ["ADMIN", "REVIEWER"],
  "progress.report.own": ["EDITOR"],
  "progress.review": ["ADMIN", "REVIEWER"],
  // Deadline, traffic-light thresholds, closing a month.
  "progress.manage": ["ADMIN", "REVIEWER"],
  "annual-plan.set": ["ADMIN", "REVIEWER"],
  "annual-plan.propose": ["EDITOR"],
  // 协调事项: raised and followed up by the DRC on any project, by a unit on its own.
  "coordination.any": ["ADMIN", "REVIEWER"],
  "coordination.own": ["EDITOR"],
  // 中期调整: prepared (lines, submit) by the DRC, approved or returned by the DRC or an
  // administrator — never by its own preparer (lib/versions/adjustments.ts).
  "plan-adjustment.prepare": ["REVIEWER"],
  "plan-adjustment.approve": ["ADMIN", "REVIEWER"],
  // 按区县拆分: a project's shares of its investment by county.
  "project.county-shares": ["ADMIN", "REVIEWER"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Fails closed: an unknown role or permission is never allowed. */
export function roleHasPermission(role: unknown, permission: Permission): boolean {
  if (!isRole(role)) return false;
  const allowed: readonly Role[] | undefined = PERMISSIONS[permission];
  return allowed?.includes(role) ?? false;
}
