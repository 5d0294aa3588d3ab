import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, logIn } from "./accounts";

// Malformed input to every route and method, signed in with the widest role:
// whatever comes in, the answer is never a 5xx (a 4xx in Chinese instead).
// Routes and methods are read from app/api, so a new route is fuzzed too.
// Only ids that name nothing are used, so no request can change the demo data.

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof HTTP_METHODS)[number];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : e.name === "route.ts" ? [full] : [];
  });
}

const ROUTES = routeFiles("app/api")
  .map((file) => ({
    template: `/${path.dirname(file).split(path.sep).join("/").replace(/^app\//, "")}`,
    methods: HTTP_METHODS.filter((m) => new RegExp(`export\\s+const\\s+${m}\\b`).test(readFileSync(file, "utf8"))),
  }))
  .filter((r) => !r.template.startsWith("/api/auth") && r.methods.length > 0);

const BAD_IDS = ["-1", "0", "1e3", "abc", "2147483648", "99999999999999999999", "1.5", "%00", "2147483647"];
const CODES = ["wenzhou-2021", "no-such-plan", "%00", "x".repeat(300)];

function concretePaths(template: string): string[] {
  let paths = [template];
  if (template.includes("[id]")) paths = paths.flatMap((p) => BAD_IDS.map((id) => p.replace("[id]", id)));
  if (template.includes("[code]")) paths = paths.flatMap((p) => CODES.map((c) => p.replace("[code]", c)));
  return paths;
}

const QUERIES = [
  "",
  "?plan=wenzhou-2021&month=bad&unit=1e308&year=1e308&version=1e308",
  "?plan=%00&month=9999-99&unit=-1&year=abc&version=-1&format=exe&table=x",
  "?plan=wenzhou-2021&month=2026-13&unit=abc&year=2026.5&version=1e3&status=BOGUS&open=1",
  `?plan=${"p".repeat(5000)}&q=${"%00".repeat(10)}&domain=1e308&county=%00`,
];

const HUGE = "长".repeat(200_000);
const BODIES: { type: string; data: string }[] = [
  { type: "application/json", data: "not json" },
  { type: "application/json", data: "[1,2,3]" },
  { type: "application/json", data: "null" },
  { type: "application/json", data: '"text"' },
  { type: "application/json", data: "{}" },
  { type: "application/json", data: '{"version":1e308,"year":1e308,"month":1e308,"locked":"yes","rows":[{"projectId":1e308}],"intoUnitId":1e308,"reportDeadlineDay":1e308}' },
  { type: "application/json", data: '{"version":-1,"year":-1,"month":0,"projectIds":[-1,0,1.5],"reports":[{"id":"x","version":null}],"entries":[{"projectId":"1e3","wan":"1e308"}]}' },
  { type: "application/json", data: JSON.stringify({ name: "单位\u0000名", description: "a\u0000b", reason: "\u0000\u0000\u0000\u0000", decision: "accept", comment: "\u0000" }) },
  { type: "application/json", data: JSON.stringify({ name: HUGE, description: HUGE, reason: HUGE, content: HUGE, version: 1 }) },
  { type: "application/json", data: JSON.stringify({ name: 1, description: [], reason: {}, total: "x", fyp: { text: 1e308, unit: "兆元" }, units: "x", contacts: [{}], period: 5, domainId: "1" }) },
  { type: "application/json", data: JSON.stringify({ planCode: "wenzhou-2021", year: 2026, month: 1, rows: [{ projectId: 2147483647, baseReportId: 1e308, baseVersion: -5, monthWan: "1e308", physicalProgress: "\u0000", construction: "X", actualStart: "9999-99-99", actualCompletion: 5 }] }) },
  { type: "application/json", data: "{" + '"a":{'.repeat(200) + "}".repeat(201) },
  { type: "text/plain", data: '{"name":"x"}' },
  { type: "application/x-www-form-urlencoded", data: "name=x&version=1" },
  { type: "multipart/form-data; boundary=nothing", data: "garbage" },
  { type: "", data: "" },
];

test.describe.configure({ mode: "serial" });

test("every route and method answers malformed input without a 5xx", async ({ page }) => {
  test.setTimeout(600_000);
  await logIn(page, ACCOUNTS.admin);
  expect(ROUTES.length).toBeGreaterThan(20);
  const failures: string[] = [];
  for (const { template, methods } of ROUTES) {
    for (const p of concretePaths(template)) {
      for (const method of methods) {
        const queries = method === "GET" ? QUERIES : QUERIES.slice(1, 2);
        for (const query of queries) {
          const bodies = method === "GET" ? [null] : BODIES;
          for (const body of bodies) {
            const response = await page.request.fetch(`${p}${query}`, {
              method,
              headers: body?.type ? { "Content-Type": body.type } : {},
              data: body?.data || undefined,
              maxRedirects: 0,
            });
            if (response.status() >= 500) failures.push(`${method} ${p}${query.slice(0, 80)} ${body?.data.slice(0, 60) ?? ""} → ${response.status()} ${(await response.text()).slice(0, 200)}`);
          }
        }
      }
    }
  }
  expect(failures).toEqual([]);
});

test("pages answer bad parameters without a 5xx", async ({ page }) => {
  await logIn(page, ACCOUNTS.admin);
  const urls = [
    "/plans/wenzhou-2021/progress?unit=1e308",
    "/plans/wenzhou-2021/progress?unit=-1&month=bad",
    "/plans/wenzhou-2021/progress?month=9999-99",
    "/plans/wenzhou-2021/progress/review?month=2026-13",
    "/plans/wenzhou-2021/dashboard?month=abc",
    "/plans/wenzhou-2021/rollups?month=%00",
    "/plans/wenzhou-2021/annual-plans?year=1e308",
    "/plans/wenzhou-2021/issues?show=%00",
    "/plans/wenzhou-2021?progress=bad&domain=1e308",
    "/plans/%00",
    `/plans/${"x".repeat(300)}`,
    "/projects/1e3",
    "/projects/-1",
    "/projects/abc",
    "/projects/99999999999999999999",
    "/projects/2147483648/edit",
    "/import?plan=%00",
  ];
  const failures: string[] = [];
  for (const url of urls) {
    const response = await page.request.get(url, { maxRedirects: 0 });
    if (response.status() >= 500) failures.push(`${url} → ${response.status()}`);
  }
  expect(failures).toEqual([]);
});
