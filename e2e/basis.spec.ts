import pg from "pg";
import { expect, test } from "./fixtures";
import { ACCOUNTS, logIn } from "./accounts";
import { REPORTING, REPORTING_PARAM } from "./demo-clock";
import { E2E_DATABASE_URL } from "./e2e-database";

// Whose figures (口径): the dashboard shows 已审核 by default, and the switch to
// 含已提交未审核 changes 1–N月累计完成 where units have submitted and the DRC
// has not reviewed yet (the demo has October submitted by two projects in
// three). Both figures are worked out here from the reports table itself.

/** The e2e server's own database (scripts/e2e-server.ts), read directly: expectations never go through the application. */
async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Integer 万元 × 10000, exactly, from numeric text. */
const scaled = (text: string) => {
  const [int, frac = ""] = text.split(".");
  return BigInt(int!) * 10000n + BigInt((frac + "0000").slice(0, 4));
};

/** 万元 × 10000 → 亿元 to one decimal, half up: "296.0". */
const yi = (units: bigint) => {
  const tenths = (units + 5_000_000n) / 10_000_000n;
  return `${tenths / 10n}.${tenths % 10n}`;
};

/**
 * 1–N月累计 of the live projects on a basis, from the raw revisions: per
 * project and month the newest revision among `statuses`, summed.
 */
async function yearToDate(statuses: string[]): Promise<bigint> {
  const rows = await query<{ projectId: number; month: number; revision: number; status: string; monthWan: string }>(
    `SELECT r."projectId", r.month, r.revision, r.status::text, r."monthWan"::text AS "monthWan"
       FROM "ProgressReport" r JOIN "Project" p ON p.id = r."projectId" JOIN "Plan" pl ON pl.id = p."planId"
      WHERE pl.code = 'wenzhou-2021' AND p."deletedAt" IS NULL AND r.year = $1 AND r.month <= $2`,
    [REPORTING.year, REPORTING.month],
  );
  const newest = new Map<string, { revision: number; monthWan: string }>();
  for (const r of rows.filter((r) => statuses.includes(r.status))) {
    const key = `${r.projectId}-${r.month}`;
    if ((newest.get(key)?.revision ?? 0) < r.revision) newest.set(key, r);
  }
  return [...newest.values()].reduce((s, r) => s + scaled(r.monthWan), 0n);
}

test("the dashboard shows 已审核 figures by default; 含已提交未审核 adds the submitted month, and the pages it links to keep the basis", async ({ page }) => {
  const approved = await yearToDate(["APPROVED"]);
  const submitted = await yearToDate(["APPROVED", "SUBMITTED"]);
  expect(submitted).toBeGreaterThan(approved);

  await logIn(page, ACCOUNTS.reviewer);
  await page.goto(`/plans/wenzhou-2021/dashboard?month=${REPORTING_PARAM}`);
  const ytd = page.getByTestId("headline").locator(".stat").filter({ hasText: `1–${REPORTING.month} 月累计完成` }).locator("strong");
  await expect(page.getByTestId("basis-line")).toContainText("口径：已审核");
  await expect(page.getByLabel("口径")).toHaveValue("approved");
  await expect(ytd).toHaveText(`${yi(approved)} 亿元`);

  await page.getByLabel("口径").selectOption("submitted");
  await expect(page).toHaveURL(/basis=submitted/);
  await expect(page.getByTestId("basis-line")).toContainText("口径：含已提交未审核");
  await expect(ytd).toHaveText(`${yi(submitted)} 亿元`);

  // The rollups, the grid and the 通报 opened from here read the same basis and say so.
  await page.getByRole("link", { name: "汇总与排名" }).click();
  await expect(page).toHaveURL(/basis=submitted/);
  await expect(page.getByTestId("basis-line")).toContainText("口径：含已提交未审核");
  await expect(page.getByTestId("rollup-domain").getByTestId("total-row").locator("td").nth(7)).toHaveText(yi(submitted));
  await page.getByLabel("口径").selectOption("approved");
  await expect(page.getByTestId("basis-line")).toContainText("口径：已审核");
  await expect(page.getByTestId("rollup-domain").getByTestId("total-row").locator("td").nth(7)).toHaveText(yi(approved));

  await page.goto(`/plans/wenzhou-2021/dashboard?month=${REPORTING_PARAM}&basis=submitted`);
  await page.getByRole("link", { name: "重大项目表（含进度）" }).click();
  await expect(page).toHaveURL(/progress=.*basis=submitted/);
  await expect(page.getByTestId("basis-line")).toContainText("口径：含已提交未审核");
  await expect(page.getByTestId("export-view-xlsx")).toHaveAttribute("href", /basis=submitted/);

  await page.goto(`/plans/wenzhou-2021/bulletin?month=${REPORTING_PARAM}&basis=submitted`);
  await expect(page.getByTestId("basis-line")).toContainText("口径：含已提交未审核");
  await expect(page.getByText(`1–${REPORTING.month}月累计完成投资${yi(submitted)}亿元`)).toBeVisible();
  await page.goto(`/plans/wenzhou-2021/bulletin?month=${REPORTING_PARAM}`);
  await expect(page.getByTestId("basis-line")).toContainText("口径：已审核");
  await expect(page.getByText(`1–${REPORTING.month}月累计完成投资${yi(approved)}亿元`)).toBeVisible();
});
