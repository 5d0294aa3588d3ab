import { describe, expect, it } from "vitest";
import { PERMISSIONS, roleHasPermission } from "./permissions";

describe("roleHasPermission", () => {
  it("fails closed on an unknown role or permission", () => {
    expect(roleHasPermission("SUPERUSER", "annex.read")).toBe(false);
    expect(roleHasPermission(undefined, "annex.read")).toBe(false);
    expect(roleHasPermission("ADMIN", "no.such.permission" as never)).toBe(false);
  });

  it("lets every role read and export, and only the DRC and admins change the plan", () => {
    for (const role of ["ADMIN", "REVIEWER", "EDITOR", "VIEWER"]) {
      expect(roleHasPermission(role, "annex.read")).toBe(true);
      expect(roleHasPermission(role, "annex.export")).toBe(true);
    }
    expect(roleHasPermission("VIEWER", "project.edit.own")).toBe(false);
    expect(roleHasPermission("EDITOR", "project.edit.any")).toBe(false);
    expect(roleHasPermission("EDITOR", "project.create")).toBe(false);
    expect(roleHasPermission("REVIEWER", "project.edit.any")).toBe(true);
    expect(roleHasPermission("REVIEWER", "users.manage")).toBe(false);
    expect(roleHasPermission("REVIEWER", "audit.read")).toBe(false);
    expect(roleHasPermission("ADMIN", "audit.read")).toBe(true);
    expect(roleHasPermission("EDITOR", "progress.review")).toBe(false);
    expect(roleHasPermission("EDITOR", "progress.report.any")).toBe(false);
    expect(roleHasPermission("EDITOR", "annual-plan.set")).toBe(false);
    expect(roleHasPermission("REVIEWER", "progress.manage")).toBe(true);
  });

  it("gives a viewer nothing but reading and exporting", () => {
    const viewerPermissions = Object.entries(PERMISSIONS).filter(([, roles]) => (roles as readonly string[]).includes("VIEWER")).map(([p]) => p);
    expect(viewerPermissions.sort()).toEqual(["account.self", "annex.export", "annex.read", "progress.read"]);
  });
});
