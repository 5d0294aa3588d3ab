import { expect, test } from "@playwright/test";
import { ACCOUNTS, logIn } from "./accounts";

// The largest import a user may send (just under the 150,000-row limit, 18 MB
// of CSV, under the 20 MB one), previewed and applied through the production
// server with its Node settings (scripts/serve-command.ts), then re-imported
// with changes: the server answers and keeps serving. A heap ceiling of 512 MB
// once killed the server here. Runs after every other spec (its own project in
// playwright.config.ts), since its plan of 149,990 projects would weigh on them.

const ROWS = 149_990;

function csv(changed: (i: number) => boolean): Buffer {
  const lines = ["最大导入测试规划重大项目表", "序号,领域,项目名称,项目类型,项目期限,建设地点,建设内容,总投资（万元）,“十四五”投资（万元）,组织实施单位"];
  for (let i = 0; i < ROWS; i++) {
    const total = 1000 + (i % 7) + (changed(i) ? 1 : 0);
    lines.push(`${i + 1},领域${String(i % 12).padStart(2, "0")},最大导入项目${i + 1},新建,2021-2025,鹿城区,建设道路${i}公里及排水管网等,${total},800,单位${i % 500}`);
  }
  return Buffer.from(lines.join("\n"));
}

type Preview = { importId: number; counts: { rows: number; add: number; change: number; same: number; remove: number; errors: number } };

test("the largest import allowed is previewed, applied and re-imported, and the server keeps serving", async ({ page }) => {
  test.setTimeout(900_000);
  await logIn(page, ACCOUNTS.reviewer);
  const upload = async (name: string, buffer: Buffer, options?: object) => {
    const multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }> = { file: { name, mimeType: "text/csv", buffer } };
    if (options) multipart.options = JSON.stringify(options);
    const response = await page.request.post("/api/plans/e2e-largest/imports", { multipart, timeout: 600_000 });
    expect(response.status(), (await response.text()).slice(0, 300)).toBe(201);
    return ((await response.json()) as { preview: Preview }).preview;
  };
  const apply = async (preview: Preview) => {
    const response = await page.request.post(`/api/imports/${preview.importId}/apply`, { data: {}, timeout: 600_000 });
    expect(response.status(), (await response.text()).slice(0, 300)).toBe(200);
  };

  const first = csv(() => false);
  expect(first.length).toBeLessThan(20 * 1024 * 1024);
  const created = await upload("largest.csv", first, { plan: { name: "最大导入测试" } });
  expect(created.counts).toMatchObject({ rows: ROWS, add: ROWS, errors: 0 });
  await apply(created);

  // Every tenth project's total one 万元 more: 14,999 changes against the stored plan.
  const changedCount = Math.floor((ROWS - 1) / 10) + 1;
  const again = await upload("largest-changed.csv", csv((i) => i % 10 === 0));
  expect(again.counts).toMatchObject({ rows: ROWS, add: 0, change: changedCount, same: ROWS - changedCount, remove: 0, errors: 0 });
  await apply(again);

  expect((await page.request.get("/api/health")).status()).toBe(200);
  const plan = await page.request.get("/api/projects?plan=e2e-largest&fields=grid&format=compact");
  expect(plan.status()).toBe(200);
  expect(((await plan.json()) as { projects: unknown[] }).projects).toHaveLength(ROWS);
});
