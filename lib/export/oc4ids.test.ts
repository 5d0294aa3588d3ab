// The OC4IDS export validated against the published schema (draft-04, with
// ajv), and its amounts held against the source file. The schema is not part
// of this repository: the validation runs where a copy of the standard's
// project-package-schema.json and project-schema.json is in OC4IDS_SCHEMA_DIR
// (default: ../shared/oc4ids beside the checkout), and says it was skipped
// otherwise; the amounts' round trip runs everywhere.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/lib/plans/demo-data";
import { seedDemoProgress } from "@/lib/progress/demo-progress";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { source } from "@/tests/wenzhou-source";
import { oc4idsData, oc4idsPackage } from "./oc4ids";

const schemaDir = process.env.OC4IDS_SCHEMA_DIR ?? path.resolve(process.cwd(), "../shared/oc4ids");
const haveSchema = existsSync(path.join(schemaDir, "project-package-schema.json")) && existsSync(path.join(schemaDir, "project-schema.json"));
if (!haveSchema) console.warn(`OC4IDS 模式文件不在 ${schemaDir}：跳过按模式校验（金额往返测试照常运行）`);
const readSchema = (name: string) => JSON.parse(readFileSync(path.join(schemaDir, name), "utf8")) as object;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.prisma);
  await seedDemoProgress(db.prisma, "wenzhou-2021", new Date("2025-11-20T04:00:00Z"));
});
afterAll(() => db.drop());

function validator() {
  // The standard's schemas carry their own keywords (codelist, openCodelist, …): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(readSchema("project-schema.json"));
  return ajv.compile(readSchema("project-package-schema.json"));
}

describe("OC4IDS", () => {
  it.skipIf(!haveSchema)("is a valid project package against the published schema", async () => {
    const pkg = oc4idsPackage(await oc4idsData(db.prisma, "wenzhou-2021"), "https://example.org/api/plans/wenzhou-2021/oc4ids");
    const validate = validator();
    const valid = validate(JSON.parse(JSON.stringify(pkg)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("holds the 69 projects, their amounts exact in CNY", async () => {
    const pkg = oc4idsPackage(await oc4idsData(db.prisma, "wenzhou-2021"), "https://example.org/api/plans/wenzhou-2021/oc4ids");
    expect(pkg.projects).toHaveLength(source.length);
    // Round trip: every published amount (亿元) back from the JSON's yuan, exactly.
    const parsed = JSON.parse(JSON.stringify(pkg)) as typeof pkg;
    const yi = (amount: number | undefined) => (amount === undefined ? undefined : new Decimal(amount).dividedBy(1e8));
    const unmatched = [...parsed.projects];
    for (const row of source) {
      const i = unmatched.findIndex((p) => p.title === row.name && p.locations[0]!.description === row.location && (yi(p.budget.amount?.amount)?.eq(row.totalInvestment) ?? !/^\d/.test(row.totalInvestment)));
      expect(i, row.name).toBeGreaterThanOrEqual(0);
      const p = unmatched.splice(i, 1)[0]!;
      if (/^\d/.test(row.totalInvestment)) expect(yi(p.budget.amount!.amount)!.toString()).toBe(new Decimal(row.totalInvestment).toString());
      else expect(p.budget.amount).toBeUndefined();
      const fyp = p.budget.budgetBreakdowns?.[0]?.budgetBreakdown[0]?.amount.amount;
      if (/^\d/.test(row.fypInvestment)) expect(yi(fyp)!.toString()).toBe(new Decimal(row.fypInvestment).toString());
      else expect(fyp).toBeUndefined();
      expect(p.budget.amount?.currency ?? "CNY").toBe("CNY");
      expect(p.parties?.map((u) => u.name)).toEqual(row.units);
    }
    // Locations by GB/T 2260: 鹿城区 330302, the whole city 330300.
    const lucheng = parsed.projects.find((p) => p.locations[0]!.description.startsWith("鹿城区"))!;
    expect(lucheng.locations[0]!.gazetteer).toEqual({ scheme: "GB/T 2260", identifiers: ["330302"] });
    const city = parsed.projects.find((p) => p.locations[0]!.description === "全市")!;
    expect(city.locations[0]!.gazetteer!.identifiers).toEqual(["330300"]);
    // Completion figures as of the last approved month of the demo data (September 2025, two months before 20 November).
    expect(parsed.projects.some((p) => p.metrics?.[0]?.description?.startsWith("截至2025年9月"))).toBe(true);
  });

  it.skipIf(!haveSchema)("fails validation when a required field is missing or a status is off its codelist", async () => {
    const pkg = JSON.parse(JSON.stringify(oc4idsPackage(await oc4idsData(db.prisma, "wenzhou-2021"), "https://example.org/x")));
    const validate = validator();
    pkg.projects[0].status = "在建";
    expect(validate(pkg)).toBe(false);
    delete pkg.publisher;
    expect(validate(pkg)).toBe(false);
  });
});
