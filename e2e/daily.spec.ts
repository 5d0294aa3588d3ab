import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Locator, type Page } from "./fixtures";
import ExcelJS from "exceljs";
import pg from "pg";
import { ACCOUNTS, logIn } from "./accounts";
import { E2E_TODAY, REPORTING, REPORTING_PARAM } from "./demo-clock";
import { E2E_DATABASE_URL } from "./e2e-database";

// What DRC staff and unit clerks do every day: the DRC's home lists what is
// pending; 市教育局 (jyj) reports on a phone and through the Excel 填报模板;
// 市住建局 (zjj) pastes a block from Excel into the grid and undoes it; the
// rollups' 合计 rows add up. 市教育局 reports only on the projects it does not
// share with 市住建局 (55 and 67), whose month progress.spec.ts fills.
const source: { seq: number; name: string; units: string[]; totalInvestment: string }[] = JSON.parse(readFileSync("prisma/seed-data/wenzhou-2021-annex.json", "utf8"));
const housingSeqs = source.filter((r) => r.units.includes("市住建局")).map((r) => r.seq);
const educationOnly = source.filter((r) => r.units.includes("市教育局") && !r.units.includes("市住建局")).map((r) => r.seq);

const { year, month } = REPORTING;
const monthParam = REPORTING_PARAM;
const key = (y: number, m: number) => `${y}-${String(m).padStart(2, "0")}`;

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

/**
 * The reporting month as the database holds it, worked out here on its own: every report, the
 * projects' units, and the projects late for the month — not submitted, or first submitted after
 * the deadline (the end of day N of the next month, Beijing; before it, those not yet submitted),
 * leaving out projects completed in an earlier month. `late` counts them by unit; `lateProjects`
 * once each, with `due` (every project of a late unit still due) and `unsubmitted` among those;
 * `dueIds` every project due for the month, `unsubmittedAll` those never submitted.
 */
async function reportingFromDatabase() {
  const reports = await query<{ projectId: number; year: number; month: number; revision: number; status: string; submittedAt: Date | null; effective: boolean; monthWan: string; construction: string }>(
    `SELECT r."projectId", r.year, r.month, r.revision, r.status::text, r."submittedAt", r.effective, r."monthWan"::text AS "monthWan", r.construction::text
       FROM "ProgressReport" r JOIN "Project" p ON p.id = r."projectId" JOIN "Plan" pl ON pl.id = p."planId"
      WHERE pl.code = 'wenzhou-2021' AND p."deletedAt" IS NULL`,
  );
  const units = await query<{ projectId: number; unit: string; seq: number }>(
    `SELECT pu."projectId", u.name AS unit, p.seq FROM "ProjectUnit" pu JOIN "Unit" u ON u.id = pu."unitId" JOIN "Project" p ON p.id = pu."projectId" JOIN "Plan" pl ON pl.id = p."planId"
      WHERE pl.code = 'wenzhou-2021' AND p."deletedAt" IS NULL`,
  );
  const [{ reportDeadlineDay }] = (await query<{ reportDeadlineDay: number }>(`SELECT "reportDeadlineDay" FROM "Plan" WHERE code = 'wenzhou-2021'`)) as [{ reportDeadlineDay: number }];
  const deadline = Date.UTC(year, month, reportDeadlineDay + 1) - 8 * 3600 * 1000;
  const passed = Date.parse(`${E2E_TODAY}T23:59:59+08:00`) >= deadline && Date.parse(`${E2E_TODAY}T00:00:00+08:00`) >= deadline;
  const projectIds = [...new Set(units.map((u) => u.projectId))];
  const firstSubmitted = new Map<number, number>();
  for (const r of reports.filter((r) => r.year === year && r.month === month && r.submittedAt)) {
    firstSubmitted.set(r.projectId, Math.min(firstSubmitted.get(r.projectId) ?? Infinity, new Date(r.submittedAt!).getTime()));
  }
  const completedBefore = new Set(reports.filter((r) => r.effective && r.construction === "COMPLETED" && (r.year < year || (r.year === year && r.month < month))).map((r) => r.projectId));
  const dueIds = projectIds.filter((id) => !completedBefore.has(id));
  const late = new Map<string, number>();
  const lateProjects = new Set<number>();
  for (const id of dueIds) {
    const first = firstSubmitted.get(id);
    if (first !== undefined && (!passed || first < deadline)) continue;
    lateProjects.add(id);
    for (const u of units.filter((x) => x.projectId === id)) late.set(u.unit, (late.get(u.unit) ?? 0) + 1);
  }
  const due = dueIds.filter((id) => units.some((u) => u.projectId === id && late.has(u.unit)));
  const unsubmitted = due.filter((id) => !firstSubmitted.has(id));
  return { reports, units, late, lateProjects, due, unsubmitted, dueIds, unsubmittedAll: dueIds.filter((id) => !firstSubmitted.has(id)) };
}

async function noHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `页面横向溢出：${scrollWidth} > ${clientWidth}`).toBeLessThanOrEqual(clientWidth);
}

/**
 * The texts under `selector` that a line break cuts in two: a figure, a badge or a button's word
 * must stay on one line (a cell may hold two texts on two lines, as 年度计划 over “2 个无计划”).
 */
async function brokenTexts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.flatMap((element) => {
      if (!(element as HTMLElement).offsetParent) return [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const broken: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(node.textContent.trim());
      }
      return broken;
    }),
  );
}

/**
 * Until every streamed part is in place: React puts a streamed part first in a hidden container
 * and moves it in by script, and the page shows 正在计算… where it goes — measured before, the
 * figures are not there or 0 wide, and a check on them passes on nothing.
 */
async function streamedIn(page: Page) {
  await page.waitForFunction(() => !document.querySelector('div[hidden][id^="S:"]'));
  await expect(page.getByText("正在计算…")).toHaveCount(0);
}

/** What a phone must never do: scroll sideways, or break a figure, a badge or a button's words. */
async function fitsPhone(page: Page) {
  await streamedIn(page);
  await noHorizontalScroll(page);
  expect(await brokenTexts(page, "td.num, .badge, .button"), "断行的数字、标签或按钮").toEqual([]);
}

async function shot(page: Page, name: string) {
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Integer 万元 × 10000, exactly, from numeric text. */
const scaled = (text: string | null) => {
  if (text === null) return 0n;
  const [int, frac = ""] = text.split(".");
  return BigInt(int!) * 10000n + BigInt((frac + "0000").slice(0, 4));
};

// Long journeys on a shared, slow machine: each may take a few minutes.
test.describe.configure({ mode: "serial", timeout: 300_000 });

test("the DRC's home lists exactly what is pending, each item a link to its page", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  // An issue overdue since yesterday and one far in the future (not due yet).
  const projects = (await (await page.request.get("/api/projects?plan=wenzhou-2021")).json()).projects as { id: number; seq: number }[];
  // The server's calendar is the demo date (ANNEX_TODAY).
  const yesterday = new Date(Date.parse(`${E2E_TODAY}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  for (const [seq, dueDate] of [
    [10, yesterday],
    [11, "2099-12-31"],
  ] as const) {
    const response = await page.request.post(`/api/projects/${projects.find((p) => p.seq === seq)!.id}/issues`, {
      data: { description: `用地指标待协调（第 ${seq} 项）`, responsible: "市自然资源和规划局", dueDate },
    });
    expect(response.ok()).toBe(true);
  }

  // What is pending, from the database: the newest revision of each project and month, submitted.
  const { reports, units, late } = await reportingFromDatabase();
  const newest = new Map<string, (typeof reports)[number]>();
  for (const r of reports) {
    const k = `${r.projectId}:${r.year}:${r.month}`;
    if (!newest.has(k) || newest.get(k)!.revision < r.revision) newest.set(k, r);
  }
  const awaiting = new Map<string, number>();
  let awaitingTotal = 0;
  for (const r of newest.values()) {
    if (r.status !== "SUBMITTED") continue;
    awaitingTotal++;
    for (const u of units.filter((x) => x.projectId === r.projectId)) awaiting.set(`${u.unit}|${key(r.year, r.month)}`, (awaiting.get(`${u.unit}|${key(r.year, r.month)}`) ?? 0) + 1);
  }
  const [{ open }] = await query<{ open: number }>(`SELECT count(*)::int AS open FROM "ChangeRequest" c JOIN "Project" p ON p.id = c."projectId" JOIN "Plan" pl ON pl.id = p."planId" WHERE pl.code = 'wenzhou-2021' AND p."deletedAt" IS NULL AND c.status = 'OPEN'`) as [{ open: number }];
  const today = E2E_TODAY;
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const dueIssues = await query<{ id: number }>(
    `SELECT i.id FROM "CoordinationIssue" i JOIN "Project" p ON p.id = i."projectId" JOIN "Plan" pl ON pl.id = p."planId"
      WHERE pl.code = 'wenzhou-2021' AND p."deletedAt" IS NULL AND i.state <> 'RESOLVED' AND i."dueDate" <= $1::date`,
    [soon],
  );
  // Red lights new this month: behind 序时进度 by more than the red threshold now, and not the month before.
  const [plan] = await query<{ redLagPoints: number }>(`SELECT "redLagPoints" FROM "Plan" WHERE code = 'wenzhou-2021'`);
  const annual = await query<{ projectId: number; year: number; plannedWan: string | null }>(`SELECT "projectId", year, "plannedWan"::text AS "plannedWan" FROM "AnnualInvestmentPlan"`);
  const isRed = (projectId: number, y: number, m: number) => {
    const planned = scaled(annual.find((a) => a.projectId === projectId && a.year === y)?.plannedWan ?? null);
    if (planned <= 0n) return false;
    const ytd = reports.filter((r) => r.projectId === projectId && r.effective && r.year === y && r.month <= m).reduce((s, r) => s + scaled(r.monthWan), 0n);
    return (BigInt(m) * planned - 12n * ytd) * 100n > BigInt(plan!.redLagPoints) * 12n * planned;
  };
  const previous = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
  const newRed = [...new Set(units.filter((u) => isRed(u.projectId, year, month) && !isRed(u.projectId, previous.y, previous.m)).map((u) => u.seq))].sort((a, b) => a - b);

  await page.goto("/");
  const todo = page.getByTestId("reviewer-todo-wenzhou-2021");
  await shot(page, "drc-home-desktop");
  await expect(todo.getByTestId("todo-review").getByRole("heading")).toHaveText(`等待审核的填报（${awaitingTotal}）`);
  await expect(todo.getByTestId("todo-review").locator("li")).toHaveCount(awaiting.size);
  for (const [k, n] of awaiting) {
    const [unit, m] = k.split("|");
    await expect(todo.getByTestId(`todo-review-${unit}-${m}`)).toContainText(`${n} 份`);
  }
  await expect(todo.getByTestId("todo-change-requests").getByRole("heading")).toHaveText(`待审核的变更申请（${open}）`);
  await expect(todo.getByTestId("todo-late-units").locator("li")).toHaveCount(late.size);
  for (const [unit, n] of late) await expect(todo.getByTestId(`todo-late-${unit}`)).toContainText(`${n} 个项目`);
  await expect(todo.getByTestId("todo-issues").locator("li")).toHaveCount(dueIssues.length);
  await expect(todo.getByTestId("todo-issues")).toContainText("已逾期");
  await expect(todo.getByTestId("todo-issues")).not.toContainText("第 11 项");
  const redShown = (await todo.getByTestId("todo-new-red").locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("data-testid")))).map((t) => Number(t!.replace("todo-red-", "")));
  expect(redShown).toEqual(newRed);

  // Each item opens its page, filtered.
  const first = [...awaiting.keys()][0];
  if (first) {
    const [unit, m] = first.split("|");
    await todo.getByTestId(`todo-review-${unit}-${m}`).getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/progress/review\\?month=${m}&unit=\\d+`));
    await expect(page.getByRole("heading", { name: /等待审核（\d+）/ })).toContainText(`等待审核（${awaiting.get(first)}）`);
    await page.goBack();
  }
  await todo.getByTestId("todo-new-red").getByRole("heading").getByRole("link").click();
  await expect(page).toHaveURL(/light=/);
  await expect(page.getByTestId("shown-count")).toBeVisible();
});

test("a unit reports on a phone: header menu, home, one card per project, dashboard — nothing overflows", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
  const page = await context.newPage();
  await logIn(page, ACCOUNTS.otherEditor);
  await expect(page.getByTestId("unit-month-wenzhou-2021")).toBeVisible();
  await fitsPhone(page);
  await shot(page, "unit-home-phone");
  // The header's links sit behind 菜单.
  await expect(page.getByRole("link", { name: "变更申请" })).toBeHidden();
  await page.getByRole("button", { name: "菜单" }).click();
  await expect(page.getByRole("link", { name: "变更申请" })).toBeVisible();
  await noHorizontalScroll(page);
  await page.getByRole("button", { name: "关闭" }).click();

  await page.getByTestId("unit-month-wenzhou-2021").getByRole("link", { name: `填报${year}年${month}月` }).click();
  const card = page.getByTestId(`report-card-${educationOnly[0]}`);
  await expect(card).toBeVisible();
  await expect(page.getByTestId("report-grid")).toBeHidden();
  await fitsPhone(page);
  await card.getByLabel(/当月完成/).fill("abc");
  await card.getByRole("button", { name: "保存草稿" }).click();
  await expect(card.locator(".field-error")).toBeVisible();
  await card.getByLabel(/当月完成/).fill("12.5");
  await card.getByLabel("形象进度").fill("教学楼主体施工（手机填报）");
  await card.getByLabel("项目状态").selectOption({ label: "在建" });
  await card.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByTestId(`report-card-${educationOnly[0]}`).locator(".badge")).toHaveText("草稿");
  await shot(page, "unit-report-phone");
  await fitsPhone(page);

  // The 填报模板 on the phone too: its preview (one row wrong) scrolls in its own box, its badges whole.
  const file = path.join(mkdtempSync(path.join(tmpdir(), "phone-template-")), "填报表.xlsx");
  writeFileSync(file, await (await page.request.get(`/api/plans/wenzhou-2021/progress/template?month=${monthParam}`)).body());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("填报")!;
  const headers = (ws.getRow(3).values as unknown[]).map((v) => String(v ?? ""));
  const rows = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).filter((r) => educationOnly.includes(r.getCell(1).value as number));
  rows.forEach((r, i) => {
    r.getCell(headers.indexOf("当月完成（万元）")).value = i === 1 ? "三十万" : 50 + i;
    r.getCell(headers.indexOf("形象进度")).value = "主体结构施工，完成第三层楼板浇筑";
  });
  await wb.xlsx.writeFile(file);
  await page.getByLabel("上传填报表").setInputFiles(file);
  await expect(page.getByTestId("template-preview")).toContainText("1 行有错误");
  await fitsPhone(page);
  await shot(page, "template-preview-phone");
  await page.getByTestId("template-preview").getByRole("button", { name: "取消" }).click();

  for (const url of ["/plans/wenzhou-2021/dashboard", "/plans/wenzhou-2021/rollups", "/plans/wenzhou-2021/issues", "/change-requests"]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await fitsPhone(page);
    await shot(page, `phone-${url.split("/").pop()}`);
  }
  await context.close();
});

test("the DRC on a phone: home, review, dashboard, rollups, 通报 — nothing overflows or breaks a figure", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
  const page = await context.newPage();
  await logIn(page, ACCOUNTS.reviewer);
  await expect(page.getByTestId("reviewer-todo-wenzhou-2021")).toBeVisible();
  await fitsPhone(page);
  for (const url of [`/plans/wenzhou-2021/progress/review?month=${monthParam}`, "/plans/wenzhou-2021/dashboard", "/plans/wenzhou-2021/rollups", `/plans/wenzhou-2021/bulletin?month=${monthParam}`]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await fitsPhone(page);
    await shot(page, `drc-phone-${url.split("/").pop()!.split("?")[0]}`);
  }
  // The red projects' table: figures whole, names readable (not two characters a line).
  await page.goto("/plans/wenzhou-2021/dashboard");
  await streamedIn(page);
  const names = page.getByTestId("behind-schedule").locator("td.name");
  await expect(names.first()).toBeVisible();
  const nameWidths = await names.evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
  expect(nameWidths.length).toBeGreaterThan(0);
  for (const w of nameWidths) expect(w).toBeGreaterThan(90);
  await context.close();
});

test("a unit downloads its 填报模板, fills it in Excel (one row wrong), sees the error, fixes it, saves and submits", async ({ page }) => {
  await logIn(page, ACCOUNTS.otherEditor);
  await page.goto(`/plans/wenzhou-2021/progress?month=${monthParam}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载填报模板（市教育局）" }).click()]);
  const dir = mkdtempSync(path.join(tmpdir(), "template-"));
  const file = path.join(dir, "填报表.xlsx");
  await download.saveAs(file);
  expect(download.suggestedFilename()).toContain(`市教育局${year}年${month}月`);

  // The clerk: 当月完成 and 形象进度 for each of the unit's own projects, keeping the 项目状态 and dates the
  // template carries over (some have been 竣工 for years); one amount typed as words.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("填报")!;
  const headers = (ws.getRow(3).values as unknown[]).map((v) => String(v ?? ""));
  const col = (h: string) => headers.indexOf(h);
  const rowOf = (seq: number) => [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === seq)!;
  expect(educationOnly.every((seq) => rowOf(seq))).toBe(true);
  const [wrong, ...rest] = educationOnly.slice(1);
  for (const seq of rest) {
    rowOf(seq).getCell(col("当月完成（万元）")).value = seq * 10;
    rowOf(seq).getCell(col("形象进度")).value = `第 ${seq} 项本月情况`;
  }
  rowOf(wrong!).getCell(col("当月完成（万元）")).value = "三十万";
  await wb.xlsx.writeFile(file);

  await page.getByLabel("上传填报表").setInputFiles(file);
  const preview = page.getByTestId("template-preview");
  await expect(preview).toContainText("1 行有错误");
  await expect(page.getByTestId(`template-row-${wrong}`)).toContainText("当月完成（万元）");
  await expect(page.getByTestId(`template-row-${wrong}`)).toContainText("三十万");
  await expect(page.getByTestId(`template-row-${rest[0]}`)).toContainText("将保存");
  await expect(page.getByRole("button", { name: /保存为草稿/ })).toBeDisabled();
  await shot(page, "template-preview-error");

  rowOf(wrong!).getCell(col("当月完成（万元）")).value = 300;
  await wb.xlsx.writeFile(file);
  await page.getByLabel("上传填报表").setInputFiles(file);
  await expect(preview).not.toContainText("有错误");
  await expect(page.getByTestId(`template-row-${wrong}`)).toContainText("当月完成（万元）：（空） → 300");
  // The phone's draft of the first project is in the file as saved: nothing changes there.
  await expect(page.getByTestId(`template-row-${educationOnly[0]}`)).toContainText("无变化");
  await page.getByRole("button", { name: `保存为草稿（${rest.length + 1}）` }).click();
  await expect(page.getByTestId("template-message")).toContainText(`已按填报表保存 ${rest.length + 1} 个项目`);
  for (const seq of educationOnly) await expect(page.getByTestId(`state-${seq}`)).toHaveText("草稿");

  await page.getByRole("button", { name: "提交全部草稿" }).click();
  await expect(page.getByTestId("report-message")).toContainText(`已提交 ${educationOnly.length} 个项目`);
  for (const seq of educationOnly) await expect(page.getByTestId(`state-${seq}`)).toHaveText("已提交");
  const stored = await query<{ seq: number; monthWan: string }>(
    `SELECT p.seq, r."monthWan"::text AS "monthWan" FROM "ProgressReport" r JOIN "Project" p ON p.id = r."projectId" WHERE r.year = $1 AND r.month = $2 AND r.status = 'SUBMITTED' AND p.seq = ANY($3)`,
    [year, month, educationOnly],
  );
  expect(Object.fromEntries(stored.map((s) => [s.seq, Number(s.monthWan)]))).toEqual(Object.fromEntries(educationOnly.map((seq) => [seq, seq === educationOnly[0] ? 12.5 : seq === wrong ? 300 : seq * 10])));

  // Last month's file is refused, plainly (another unit's and another plan's are refused alike: report-template.test.ts).
  const other = path.join(dir, "last-month.xlsx");
  const previous = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
  const response = await page.request.get(`/api/plans/wenzhou-2021/progress/template?month=${key(previous.y, previous.m)}`);
  writeFileSync(other, await response.body());
  await page.getByLabel("上传填报表").setInputFiles(other);
  await expect(page.getByTestId("template-message")).toContainText(`这份填报表是${previous.y}年${previous.m}月的，当前填报的是${year}年${month}月`);
});

test("a block pasted from Excel fills the cells it covers, checked as typing is, and one undo puts them back", async ({ page }) => {
  await logIn(page, ACCOUNTS.editor);
  await page.goto(`/plans/wenzhou-2021/progress?month=${monthParam}`);
  const grid = page.getByTestId("report-grid");
  const rowBySeq = (seq: number) => grid.locator(".ag-row:not(.ag-row-pinned)").filter({ has: page.locator('[col-id="seq"]').getByText(String(seq), { exact: true }) });
  const [a, b, c] = housingSeqs;
  await rowBySeq(a!).locator('[col-id="monthWan"]').click();
  // 3 rows × 8 columns from 当月完成 on, as Excel puts them on the clipboard: the read-only
  // columns (年度计划, 完成率, 序时进度) are empty in the block; one amount is not a number.
  const block = [
    ["120", "", "", "", "", "在建", "主体施工", "2024/3/1"],
    ["80.5", "", "", "", "", "前期", "方案设计", ""],
    ["abc", "", "", "", "", "在建", "桩基施工", "2024-05-01"],
  ];
  const tsv = block.map((r) => r.join("\t")).join("\r\n") + "\r\n";
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    document.activeElement!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, tsv);
  const result = page.getByTestId("paste-result");
  await expect(result).toContainText("已粘贴 10 个单元格（复制的区域 3 行 × 8 列），1 个未粘贴");
  await expect(result).toContainText(`第 ${c} 项：“abc”不是数字（万元）`);
  await expect(rowBySeq(a!).locator('[col-id="monthWan"]')).toHaveText("120");
  await expect(rowBySeq(b!).locator('[col-id="monthWan"]')).toHaveText("80.5");
  await expect(rowBySeq(a!).locator('[col-id="construction"]')).toHaveText("在建");
  await expect(rowBySeq(b!).locator('[col-id="construction"]')).toHaveText("前期");
  await expect(rowBySeq(c!).locator('[col-id="physicalProgress"]')).toHaveText("桩基施工");
  await expect(rowBySeq(a!).locator('[col-id="actualStart"]')).toHaveText("2024-03-01");
  await expect(rowBySeq(c!).locator('[col-id="monthWan"]')).toHaveText("");
  await expect(page.getByRole("button", { name: "保存草稿（3）" })).toBeVisible();
  await shot(page, "paste-result");

  await result.getByRole("button", { name: "撤销粘贴" }).click();
  await expect(rowBySeq(a!).locator('[col-id="monthWan"]')).toHaveText("");
  await expect(rowBySeq(c!).locator('[col-id="physicalProgress"]')).not.toHaveText("桩基施工");
  await expect(page.getByRole("button", { name: "保存草稿", exact: true })).toBeDisabled();
});

test("every rollup table has a 合计 row equal to the sum of its rows and to the plan's total", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  await page.goto("/plans/wenzhou-2021/rollups");
  await shot(page, "rollups-desktop");
  await expect(page).toHaveTitle(/^汇总 · .*重大项目表$/);
  await expect(page.getByTestId("section-index").getByRole("link")).toHaveCount(9);
  // The plan's total from the source file: 69 projects, 总投资 in 亿元 to one decimal.
  const totalTenths = source.reduce((s, r) => s + (/^\d+(\.\d)?$/.test(r.totalInvestment) ? Math.round(Number(r.totalInvestment) * 10) : 0), 0);
  const planTotal = (totalTenths / 10).toFixed(1);
  /** A table's cells as text, row by row (one round trip). */
  const tableCells = (table: Locator, rows: string) =>
    table.locator(rows).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())));
  const cells = async (row: Locator) => (await row.locator("td").allTextContents()).map((t) => t.trim());
  // The units' table lists its first 50 of the plan's units (about 70); 展开全部 shows them all.
  const units = (await query<{ units: number }>(
    `SELECT count(DISTINCT pu."unitId")::int AS units FROM "ProjectUnit" pu JOIN "Project" p ON p.id = pu."projectId" JOIN "Plan" pl ON pl.id = p."planId"
      WHERE pl.code = 'wenzhou-2021' AND p."deletedAt" IS NULL`,
  ))[0]!.units;
  await expect(page.getByTestId("rollup-unit").locator("tbody tr")).toHaveCount(50);
  await expect(page.getByTestId("rollup-unit-show-all")).toContainText(`共 ${units} 个实施单位，另有 ${units - 50} 个未列出`);
  await page.getByTestId("rollup-unit-show-all").getByRole("link", { name: "展开全部" }).click();
  await expect(page.getByTestId("rollup-unit").locator("tbody tr")).toHaveCount(units);
  await expect(page.getByTestId("rollup-unit-show-all")).toHaveCount(0);
  for (const by of ["domain", "county", "type", "status", "unit"]) {
    const table = page.getByTestId(`rollup-${by}`).locator("table");
    const total = await cells(table.getByTestId("total-row"));
    expect(total[1], by).toBe(String(source.length));
    expect(total[2], by).toBe(planTotal);
    const rows = await tableCells(table, "tbody tr");
    const counts = rows.map((r) => Number(r[1]));
    const amounts = rows.map((r) => Math.round(Number(r[2]) * 10));
    if (by === "unit") {
      // A project of several units counts under each: the rows add up to more, the 合计 is each project once.
      expect(counts.reduce((s, n) => s + n, 0)).toBeGreaterThan(source.length);
    } else {
      expect(counts.reduce((s, n) => s + n, 0), by).toBe(source.length);
      // Each row is rounded to 0.1 亿元 on its own: their sum is within half a tenth per row of the total.
      expect(Math.abs(amounts.reduce((s, n) => s + n, 0) - totalTenths), by).toBeLessThanOrEqual(Math.ceil(rows.length / 2));
    }
  }
  // Counties in the official order, 全市 and 未定 after them; the ranking ranks counties only.
  const countyKeys = (await page.getByTestId("rollup-county").locator("tbody tr td:first-child").allTextContents()).map((t) => t.trim());
  const official = ["鹿城区", "龙湾区", "瓯海区", "洞头区", "永嘉县", "平阳县", "苍南县", "文成县", "泰顺县", "瑞安市", "乐清市", "龙港市"];
  const shownCounties = countyKeys.filter((k) => official.includes(k));
  expect(countyKeys.slice(0, shownCounties.length)).toEqual(official.filter((k) => shownCounties.includes(k)));
  expect(countyKeys.indexOf("全市")).toBeGreaterThan(shownCounties.length - 1);
  const ranked = (await page.getByTestId("ranking-county").locator("table").first().locator("tbody tr td:nth-child(2)").allTextContents()).map((t) => t.trim());
  expect(ranked.every((k) => official.includes(k))).toBe(true);
  await expect(page.getByTestId("ranking-county-apart")).toContainText("全市");
  // Domain × county: each row's 合计 is the sum of its cells, the 合计 row the sum of the columns, the corner the plan.
  const cross = page.getByTestId("rollup-cross").locator("table");
  const parse = (t: string) => (t.trim() ? Number(t.split("/")[0]) : 0);
  const crossRows = await tableCells(cross, "tbody tr");
  let all = 0;
  for (const r of crossRows) {
    const values = r.slice(1).map(parse);
    const rowTotal = values.pop()!;
    expect(values.reduce((s, n) => s + n, 0)).toBe(rowTotal);
    all += rowTotal;
  }
  expect(all).toBe(source.length);
  const corner = (await cells(cross.getByTestId("cross-total-row"))).pop()!;
  expect(corner).toBe(`${source.length} / ${planTotal}`);

  // The dashboard's tables: by domain and by county (official order) with the plan's 合计; the red
  // projects' 合计 the sum of their rows (万元, exact); the late units' 合计 each project once.
  await page.goto(`/plans/wenzhou-2021/dashboard?month=${monthParam}`);
  await shot(page, "dashboard-desktop");
  for (const id of ["dashboard-domain-table", "dashboard-county-table"]) {
    const table = page.getByTestId(id);
    const total = await cells(table.getByTestId("total-row"));
    expect(total.slice(0, 3), id).toEqual(["合计", String(source.length), planTotal]);
    const rows = await tableCells(table, "tbody tr");
    expect(rows.reduce((n, r) => n + Number(r[1]), 0), id).toBe(source.length);
    expect(Math.abs(rows.reduce((n, r) => n + Math.round(Number(r[2]) * 10), 0) - totalTenths), id).toBeLessThanOrEqual(Math.ceil(rows.length / 2));
    // Amounts right-aligned.
    expect(await table.locator("tbody td.num").first().evaluate((td) => getComputedStyle(td).textAlign)).toBe("right");
  }
  const dashboardCounties = (await page.getByTestId("dashboard-county-table").locator("tbody tr td:first-child").allTextContents()).map((t) => t.trim());
  expect(dashboardCounties).toEqual(countyKeys);
  expect(dashboardCounties.indexOf("全市")).toBeGreaterThan(dashboardCounties.findLastIndex((k) => official.includes(k)));
  expect(dashboardCounties.at(-1)).toBe("未定");

  const behind = page.getByTestId("behind-schedule").locator("table");
  const behindRows = await tableCells(behind, "tbody tr");
  const wan = (t: string) => scaled(t.replace(/,/g, ""));
  const behindTotal = await cells(behind.getByTestId("total-row"));
  expect(behindTotal[0]).toBe(`合计（${behindRows.length} 个）`);
  expect(wan(behindTotal[1]!)).toBe(behindRows.reduce((n, r) => n + wan(r[2]!), 0n));
  expect(wan(behindTotal[2]!)).toBe(behindRows.reduce((n, r) => n + wan(r[3]!), 0n));

  const { late, lateProjects, due, unsubmitted, dueIds, unsubmittedAll } = await reportingFromDatabase();
  const lateTable = page.getByTestId("late-reporters").locator("table");
  // Over 50 late units, the table lists the 50 latest first; 展开全部 shows them all.
  if (late.size > 50) await page.getByTestId("late-reporters-show-all").getByRole("link", { name: "展开全部" }).click();
  expect(await lateTable.locator("tbody tr").count()).toBe(late.size);
  expect(await cells(lateTable.getByTestId("total-row"))).toEqual(["合计（不重复计算）", String(due.length), String(lateProjects.size), String(unsubmitted.length)]);

  // The review page's table of units: its 合计 counts each project due once.
  await page.goto(`/plans/wenzhou-2021/progress/review?month=${monthParam}`);
  const unitTotal = (await cells(page.getByTestId("unit-reporting").getByTestId("total-row"))).map((t) => t.trim());
  expect(unitTotal[0]).toBe("合计（不重复计算）");
  expect(Number(unitTotal[1])).toBe(dueIds.length);
  expect(Number(unitTotal[4])).toBe(unsubmittedAll.length);
  expect(Number(unitTotal[2]) + Number(unitTotal[3]) + Number(unitTotal[4])).toBe(dueIds.length);

  // The 通报 ranks counties among counties too: 全市, zones and 未定 follow, unranked.
  await page.goto(`/plans/wenzhou-2021/bulletin?month=${monthParam}`);
  const bulletinRanking = await tableCells(page.getByTestId("bulletin-table-区县排名"), "tbody tr");
  const rankedCounties = bulletinRanking.filter((r) => r[0] !== "—");
  expect(rankedCounties.length).toBeGreaterThan(0);
  expect(rankedCounties.every((r) => official.includes(r[1]!)), JSON.stringify(rankedCounties)).toBe(true);
  expect(rankedCounties.map((r) => Number(r[0]))).toEqual(rankedCounties.map((_, i) => i + 1));
  expect(bulletinRanking.filter((r) => ["全市", "未定"].includes(r[1]!)).every((r) => r[0] === "—")).toBe(true);
});

/** A column of the annex grid top to bottom, scrolling through its virtual rows. */
async function gridColumn(page: Page, colId: string): Promise<string[]> {
  const seen = new Map<number, string>();
  const viewport = page.locator(".ag-grid-viewport").first();
  for (let y = 0; ; y += 400) {
    await viewport.evaluate((el, top) => (el.scrollTop = top), y);
    await page.waitForTimeout(100);
    const cells = await page
      .locator(".ag-grid-scrolling-container .ag-row")
      .evaluateAll((rows, id) => rows.map((r) => [Number(r.getAttribute("row-index")), r.querySelector(`[col-id="${id}"]`)?.textContent ?? null] as const), colId);
    for (const [i, text] of cells) if (text !== null) seen.set(i, text.trim());
    if (await viewport.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2)) break;
  }
  await viewport.evaluate((el) => (el.scrollTop = 0));
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
}

test("the annex grid: 待定 and —— last both ways, sort and columns kept in the URL, counties in the official order, headers whole", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  await page.goto(`/plans/wenzhou-2021?progress=${monthParam}`);
  await expect(page.getByTestId("shown-count")).toHaveText(String(source.length));
  // From the source file: how many amounts are figures, 待定, or —— (不适用).
  const figures = source.filter((r) => /^\d/.test(r.totalInvestment)).length;
  const pending = source.filter((r) => r.totalInvestment === "待定").length;
  const header = (colId: string) => page.locator(`.ag-header-cell[col-id="${colId}"] .ag-header-cell-label`);
  for (const direction of ["asc", "desc"] as const) {
    await header("total").click();
    await expect(page).toHaveURL(new RegExp(`sort=total(%3A|:)${direction}`));
    const column = await gridColumn(page, "total");
    expect(column).toHaveLength(source.length);
    const numbers = column.slice(0, figures).map(Number);
    expect(numbers.every((n) => !Number.isNaN(n)), direction).toBe(true);
    expect(numbers).toEqual([...numbers].sort((a, b) => (direction === "asc" ? a - b : b - a)));
    expect(column.slice(figures).sort()).toEqual([...Array(source.length - figures).keys()].map((i) => (i < source.length - figures - pending ? "——" : "待定")).sort());
  }
  // A year's plan: projects without one (——) last both ways too.
  for (const direction of ["asc", "desc"] as const) {
    await header("annualPlan").click();
    await expect(page).toHaveURL(new RegExp(`sort=annualPlan(%3A|:)${direction}`));
    const column = await gridColumn(page, "annualPlan");
    const firstDash = column.indexOf("——");
    expect(firstDash, direction).toBeGreaterThan(0);
    expect(column.slice(firstDash).every((t) => t === "——"), direction).toBe(true);
  }
  // Columns left out, and the sort, come back with the URL.
  await page.getByText("显示列", { exact: true }).click();
  await page.getByLabel("显示列：建设内容和规模").uncheck();
  await expect(page).toHaveURL(/hide=content/);
  await expect(page.locator('.ag-header-cell[col-id="content"]')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("shown-count")).toHaveText(String(source.length));
  await expect(page.locator('.ag-header-cell[col-id="content"]')).toHaveCount(0);
  await expect(page.locator('.ag-header-cell[col-id="annualPlan"]')).toHaveAttribute("aria-sort", "descending");
  // The view's export leaves the hidden column out too, and carries the progress columns in 亿元.
  const exported = await page.request.get((await page.getByTestId("export-view-xlsx").getAttribute("href"))!);
  expect(exported.status()).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await exported.body()) as unknown as ArrayBuffer);
  const viewSheet = book.getWorksheet("当前视图")!;
  const viewHeader = (viewSheet.getRow((viewSheet.views[0] as { ySplit: number }).ySplit).values as unknown[]).map(String);
  expect(viewHeader).not.toContain("建设内容和规模");
  expect(viewHeader).toContain("年度计划\n（亿元）");
  expect(viewHeader).toContain("组织实施单位");
  // Every header names itself in full on hover; 序号 is not cut to “序…”.
  expect(await brokenTexts(page, '.ag-header-cell[col-id="seq"] .ag-header-cell-text')).toEqual([]);
  await page.locator('.ag-header-cell[col-id="fyp"]').hover();
  await expect(page.locator(".ag-tooltip")).toHaveText("“十四五”投资（亿元）");
  // The 区县 filter lists counties in the official order, functional zones after them, 全市 and 未定 last.
  const options = (await page.getByRole("combobox", { name: "区县", exact: true }).locator("option").allTextContents()).slice(1);
  const official = ["鹿城区", "龙湾区", "瓯海区", "洞头区", "永嘉县", "平阳县", "苍南县", "文成县", "泰顺县", "瑞安市", "乐清市", "龙港市"];
  const counties = options.filter((o) => official.includes(o));
  expect(counties).toEqual(official.filter((c) => counties.includes(c)));
  expect(options.slice(-2)).toEqual(["全市", "未定"]);
  expect(options.slice(counties.length, -2).every((o) => /区$/.test(o) && !official.includes(o))).toBe(true);
});

test("pages have their own tab titles, breadcrumbs, and a Chinese 404 with a way back", async ({ page }) => {
  await logIn(page, ACCOUNTS.reviewer);
  await page.goto("/plans/wenzhou-2021?county=" + encodeURIComponent("瑞安市"));
  await expect(page).toHaveTitle(/^瑞安市 · .*重大项目表$/);
  const projects = (await (await page.request.get("/api/projects?plan=wenzhou-2021")).json()).projects as { id: number; seq: number; name: string }[];
  await page.goto(`/projects/${projects[0]!.id}`);
  expect((await page.title()).startsWith(`${projects[0]!.name} · `)).toBe(true);
  await expect(page.getByTestId("breadcrumbs")).toContainText("重大项目表");
  await page.getByTestId("breadcrumbs").getByRole("link", { name: "重大项目表" }).click();
  await expect(page).toHaveURL(/\/plans\/wenzhou-2021$/);
  const missing = await page.goto("/projects/999999");
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("页面不存在");
  await page.getByRole("link", { name: "返回首页" }).click();
  await expect(page).toHaveURL(/\/$/);
});
