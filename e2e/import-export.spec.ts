import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { ACCOUNTS, logIn } from "./accounts";

// Each preview reads the file in the reader's worker thread: seconds, or a minute on a loaded machine.
const READ = { timeout: 120_000 };

test("the DRC imports a workbook with a preview, and everyone exports the annex", async ({ page }) => {
  test.setTimeout(480_000);
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
  await expect(page.getByTestId("import-counts")).toContainText("共 69 个项目：新增 69", READ);
  // The export carries the plan's title: a second plan of that name is refused until it is renamed here.
  await expect(page.getByTestId("import-issues")).toContainText("已有同名规划");
  await expect(page.getByLabel("起始年份")).toHaveValue("2021");
  await expect(page.getByLabel("结束年份")).toHaveValue("2025");
  await page.getByLabel("新规划名称").fill("温州市重大项目表（端到端副本）");
  await page.getByRole("button", { name: "按以上选择重新预览" }).click();
  await expect(page.getByTestId("import-counts")).toContainText("错误 0 处", READ);
  await expect(page.getByTestId("import-issues")).toContainText("温州龙舟运动基地");
  await expect(page.getByTestId("import-rows")).toContainText("全市各类拆迁安置住房（不含棚改）");
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("status")).toContainText("已导入：新增 69", READ);
  await page.getByRole("link", { name: "查看重大项目表" }).click();
  await expect(page.getByTestId("shown-total")).toHaveText(totalNow!);

  // A file that is not a spreadsheet gets a message, not a stack trace.
  await page.goto("/import?plan=e2e-import");
  await page.getByLabel("导入文件").setInputFiles({ name: "notes.xlsx", mimeType: "text/plain", buffer: Buffer.from("not a workbook") });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "不是 Excel" })).toContainText("不是 Excel（.xlsx）或 CSV 文件", READ);
});

test("two total columns: the preview asks which, and imports the chosen one", async ({ page }) => {
  test.setTimeout(480_000);
  await logIn(page, ACCOUNTS.reviewer);
  const csv = [
    "某县“十四五”重点项目表",
    "序号,领域,项目名称,项目期限,建设地点,调整前总投资（万元）,调整后总投资（万元）,“十四五”投资（万元）,责任单位",
    "1,教育,某县一中扩建,2021-2023,鹿城区,\"1,200\",1500,900,市教育局",
    "2,教育,某县职教中心,2022-2024,龙湾区,800,850,600,市教育局",
  ].join("\n");
  await page.goto("/import?plan=e2e-two-totals");
  await page.getByLabel("导入文件").setInputFiles({ name: "two.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByTestId("import-issues")).toContainText("都可作为总投资列", READ);
  await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);
  await page.getByLabel("总投资列").selectOption("G");
  await page.getByRole("button", { name: "按以上选择重新预览" }).click();
  await expect(page.getByTestId("import-counts")).toContainText("共 2 个项目：新增 2", READ);
  await expect(page.getByTestId("import-rows")).toContainText("0.15");
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("status")).toContainText("已导入：新增 2", READ);
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
  await page.getByRole("combobox", { name: "领域", exact: true }).selectOption("文化");
  await expect(page.getByTestId("shown-count")).toHaveText("11");
  const href = await page.getByTestId("export-view-xlsx").getAttribute("href");
  expect(href).toContain("domain=");
  expect(href).toContain("view=1");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  // The file name says it is a view, and of what.
  expect(decodeURIComponent(response.headers()["content-disposition"]!)).toContain("当前视图（领域：文化）");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("当前视图")!;
  const values = sheet.getSheetValues().flat().map(String);
  // The filter written above the table, and the grid's 区县 column.
  expect(values).toContain("筛选条件：领域：文化");
  expect(values).toContain("区县");
  const projectRows = sheet.getSheetValues().filter((r) => Array.isArray(r) && typeof r[1] === "number");
  expect(projectRows).toHaveLength(11);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出当前视图（CSV）" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  expect(parseCsv(csv.replace(/^\uFEFF/, ""))).toHaveLength(12); // header + 11 projects
});

test("the DRC opens the month's 通报 from the dashboard and downloads it in Word, PDF and Excel", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  await page.goto("/plans/wenzhou-2021/dashboard");
  await page.getByRole("link", { name: "月度通报" }).click();
  await expect(page.getByRole("heading", { name: "月度通报" })).toBeVisible();
  for (const heading of ["一、总体情况", "二、分领域推进情况", "三、分区县推进情况"]) await expect(page.getByRole("heading", { name: heading })).toBeVisible();
  await expect(page.getByTestId("bulletin-table-分领域")).toContainText("合计");
  await expect(page.getByText("数据口径为已审核月报")).toBeVisible();
  const href = await page.getByTestId("bulletin-docx").getAttribute("href");
  for (const [format, type] of [["docx", "wordprocessingml"], ["pdf", "application/pdf"], ["xlsx", "spreadsheetml"]]) {
    const response = await page.request.get(href!.replace("format=docx", `format=${format}`));
    expect(response.status(), format).toBe(200);
    expect(response.headers()["content-type"]).toContain(type);
    expect(decodeURIComponent(response.headers()["content-disposition"]!)).toContain("重大项目推进情况通报");
  }
  const refused = await page.request.get("/api/plans/wenzhou-2021/bulletin?month=2026-13&format=docx");
  expect(refused.status()).toBe(400);
  const oc4ids = await page.request.get("/api/plans/wenzhou-2021/oc4ids");
  expect(oc4ids.status()).toBe(200);
  expect((await oc4ids.json()).projects.length).toBeGreaterThanOrEqual(69);
});
