// What `npm start` loads into an empty embedded database: the real published
// annex of Wenzhou and one demo account per role.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/users/create-user";
import { applyImport, previewImport } from "@/lib/import/import-annex";
import type { PlanMeta } from "./create-plan";

export const WENZHOU_PLAN: PlanMeta = {
  code: "wenzhou-2021",
  name: "温州市社会发展和基本公共服务体系“十四五”规划",
  issuer: "温州市人民政府",
  startYear: 2021,
  endYear: 2025,
  regionCode: "330300",
};

export const WENZHOU_ANNEX_XLSX = path.join(process.cwd(), "prisma/seed-data/wenzhou-2021-annex.xlsx");

// Meets the password policy like any other (lib/auth/password-policy.ts). The
// demo accounts are the one exception to "a password someone else chose
// must be changed at the first login": they exist only in a demo install
// (the embedded default, or SEED_DEMO=1), for trying the application out.
export const DEMO_PASSWORD = "Annex.Demo2021";

/**
 * The demo installation's calendar date (ANNEX_TODAY), inside the plan's years
 * so that its progress is 十四五 progress: units report on October 2025.
 */
export const DEMO_TODAY = "2025-11-20";

export const DEMO_USERS: { login: string; name: string; role: Role; unitName?: string }[] = [
  { login: "admin", name: "系统管理员", role: "ADMIN" },
  { login: "drc", name: "市发展改革委 社会处", role: "REVIEWER" },
  { login: "zjj", name: "市住建局 填报员", role: "EDITOR", unitName: "市住建局" },
  { login: "jyj", name: "市教育局 填报员", role: "EDITOR", unitName: "市教育局" },
  { login: "viewer", name: "查阅人员", role: "VIEWER" },
];

export type DemoSeedResult = { created: boolean; warnings: string[]; users: typeof DEMO_USERS };

/**
 * Loads the Wenzhou annex — by importing the published workbook as it is,
 * through the same import as any user's file — and the demo accounts, unless
 * the plan is already there.
 */
export async function seedDemoData(db: PrismaClient, now = new Date()): Promise<DemoSeedResult> {
  if (await db.plan.findUnique({ where: { code: WENZHOU_PLAN.code } })) {
    return { created: false, warnings: [], users: DEMO_USERS };
  }
  const importer = { userId: null, name: "系统（初始数据）" };
  const bytes = new Uint8Array(await readFile(WENZHOU_ANNEX_XLSX));
  // The installation's own initial data, not anybody's mutation: one transaction, all or nothing.
  const preview = await db.$transaction(
    async (tx) => {
      const preview = await previewImport(tx, importer, { planCode: WENZHOU_PLAN.code, fileName: path.basename(WENZHOU_ANNEX_XLSX), bytes });
      await applyImport(tx, importer, preview.importId, now);
      for (const user of DEMO_USERS) {
        if (!(await tx.user.findUnique({ where: { login: user.login } }))) {
          await createUser(tx, { ...user, password: DEMO_PASSWORD }, { mustChangePassword: false });
        }
      }
      return preview;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  const warnings = preview.issues.filter((i) => !i.message.startsWith("单位名录中没有")).map((i) => `第${i.row}行 ${i.column ?? ""}：${i.message}`);
  return { created: true, warnings, users: DEMO_USERS };
}
