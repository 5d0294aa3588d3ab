import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { ACCOUNTS, logIn } from "./accounts";

test("the DRC imports a workbook with a preview, and everyone exports the annex", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  await page.goto("/plans/wenzhou-2021");
  // Earlier tests edit the plan: the copy must equal the plan as it is now.
  const totalNow = await page.getByTestId("shown-total").textContent();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Excel" }).click();
  const file = await (await download).path();
  await page.goto("/import?plan=e2e-import");
  await page.getByLabel("导入文件").setInputFiles({ name: "annex.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: readFileSync(file) });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByTestId("import-counts")).toContainText("共 69 个项目：新增 69");
  await expect(page.getByTestId("import-issues")).toContainText("温州龙舟运动基地");
  await expect(page.getByTestId("import-rows")).toContainText("全市各类拆迁安置住房（不含棚改）");
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("status")).toContainText("已导入：新增 69");
  await page.getByRole("link", { name: "查看重大项目表" }).click();
  await expect(page.getByTestId("shown-total")).toHaveText(totalNow!);

  // A file that is not a spreadsheet gets a message, not a stack trace.
  await page.goto("/import?plan=e2e-import");
  await page.getByLabel("导入文件").setInputFiles({ name: "notes.xlsx", mimeType: "text/plain", buffer: Buffer.from("not a workbook") });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "不是 Excel" })).toContainText("不是 Excel（.xlsx）或 CSV 文件");
});

test("a viewer downloads the Word annex and may not import", async ({ page }) => {
  await logIn(page, ACCOUNTS.viewer);
  const response = await page.request.get("/api/plans/wenzhou-2021/export?format=docx");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("wordprocessingml");
  const pdf = await page.request.get("/api/plans/wenzhou-2021/export?format=pdf");
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const summary = await page.request.get("/api/plans/wenzhou-2021/export?format=xlsx&table=summary");
  expect(summary.status()).toBe(200);
  const denied = await page.goto("/import");
  expect(denied?.status()).toBe(403);
  await expect(page.getByText("您的账号无权查看此页面")).toBeVisible();
  const upload = await page.request.post("/api/plans/wenzhou-2021/imports", { multipart: { file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("x") } } });
  expect(upload.status()).toBe(403);
});

test("a filtered grid view exports to Excel with exactly the rows shown", async ({ page }) => {
  await logIn(page, ACCOUNTS.editor);
  await page.goto("/plans/wenzhou-2021");
  await page.getByLabel("领域").selectOption("文化");
  await expect(page.getByTestId("shown-count")).toHaveText("11");
  const href = await page.getByTestId("export-view-xlsx").getAttribute("href");
  expect(href).toContain("domain=");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("重大项目表")!;
  const projectRows = sheet.getSheetValues().filter((r) => Array.isArray(r) && typeof r[1] === "number");
  expect(projectRows).toHaveLength(11);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出当前视图（CSV）" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  expect(parseCsv(csv.replace(/^\uFEFF/, ""))).toHaveLength(12); // header + 11 projects
});
