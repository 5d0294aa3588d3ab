// One case per attack of the security review that concerns accounts,
// sessions, headers, health, outages and the audit trail, each tried the way
// an attacker would, against the built application as `npm start` runs it
// (as the application's own database role).
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { ACCOUNTS, logIn, PASSWORD } from "./accounts";
import { E2E_PG_PORT } from "./e2e-database";

const PG_PORT = E2E_PG_PORT;
// The owner (superuser of the embedded server): what a DBA would use to look, or to simulate an outage.
const OWNER_URL = `postgresql://annex:annex@127.0.0.1:${PG_PORT}/annex`;
const APP_URL = `postgresql://annex_app:annex_app@127.0.0.1:${PG_PORT}/annex`;

async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A browser context of its own, appearing to come from its own address (the app trusts the nearest X-Forwarded-For). */
async function freshPage(browser: Browser, address: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": address }, locale: "zh-CN" });
  return context.newPage();
}

async function submitLogin(page: Page, login: string, password: string) {
  await page.getByLabel("登录名").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** An account of its own for a test, created by the admin through the API (as the users page does). */
async function createAccount(browser: Browser, login: string, password: string, role = "VIEWER") {
  const page = await freshPage(browser, "203.0.113.250");
  await logIn(page, ACCOUNTS.admin);
  const response = await page.request.post("/api/users", { data: { login, name: login, role, password } });
  expect(response.status(), await response.text()).toBe(200);
  await page.context().close();
}

// Generous: each case signs in several times (bcrypt) on a loaded machine.
test.describe.configure({ mode: "serial", timeout: 180_000 });

test("login throttling: after 5 wrong passwords the login is locked, the right password is refused, and it is said plainly", async ({ browser }) => {
  const login = `throttle${Date.now() % 100000}`;
  const password = "Granite-Owl-731";
  await createAccount(browser, login, password);
  const page = await freshPage(browser, "203.0.113.10");
  await page.goto("/login");
  for (let i = 1; i <= 4; i++) {
    await submitLogin(page, login, `Wrong-guess-${i}`);
    await expect(page.locator(".alert")).toHaveText("登录名或密码错误");
  }
  await submitLogin(page, login, "Wrong-guess-5");
  await expect(page.locator(".alert")).toContainText("登录失败次数过多，已暂时锁定 15 分钟");
  // The right password now: still refused, from another address too (the lock is the login's).
  const other = await freshPage(browser, "203.0.113.11");
  await other.goto("/login");
  await submitLogin(other, login, password);
  await expect(other.locator(".alert")).toContainText("已暂时锁定 15 分钟");
  await expect(other).toHaveURL(/\/login/);
  // Each failure and the lock are in the audit trail, with the address.
  const rows = await sql<{ action: string; outcome: string; clientAddress: string }>(
    OWNER_URL,
    `SELECT action, outcome::text, "clientAddress" FROM "AuditEvent" WHERE "actorLogin" = $1 ORDER BY id`,
    [login],
  );
  expect(rows.filter((r) => r.action === "auth.login" && r.outcome === "FAILED")).toHaveLength(5);
  expect(rows.some((r) => r.action === "auth.lockout")).toBe(true);
  expect(rows.at(-1)).toEqual({ action: "auth.login", outcome: "DENIED", clientAddress: "203.0.113.11" });
});

test("open redirect: a callbackUrl of /\\evil.example keeps the browser on the application", async ({ page }) => {
  await page.goto("/login?callbackUrl=%2F%5Cevil.example%2Flogin");
  await submitLogin(page, ACCOUNTS.viewer, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  const url = new URL(page.url());
  expect(url.host).toBe(new URL(test.info().project.use.baseURL!).host);
  expect(url.pathname).toBe("/");
});

test("logout revocation: the session cookie no longer works after signing out", async ({ page, playwright, baseURL }) => {
  await logIn(page, ACCOUNTS.viewer);
  const cookies = await page.context().cookies();
  const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const before = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Cookie: cookieHeader } });
  expect((await before.get("/api/projects?plan=wenzhou-2021")).status()).toBe(200);
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login/);
  // The copied cookie, replayed as an attacker who stole it would.
  expect((await before.get("/api/projects?plan=wenzhou-2021")).status()).toBe(401);
  await before.dispose();
});

test("session caps: 30 idle minutes or 12 hours end the session, and /api/auth/session cannot extend it", async ({ browser }) => {
  const page = await freshPage(browser, "203.0.113.20");
  await logIn(page, ACCOUNTS.reviewer);
  const sessionFor = async () =>
    (await sql<{ id: string }>(OWNER_URL, `SELECT s.id FROM "UserSession" s JOIN "User" u ON u.id = s."userId" WHERE u.login = $1 AND s."endedAt" IS NULL ORDER BY s."createdAt" DESC LIMIT 1`, [ACCOUNTS.reviewer]))[0]!.id;
  const id = await sessionFor();

  // /api/auth/session re-signs the cookie on every call: its end must stay where signing in put it, 12 hours on.
  const signedInAt = Date.now();
  const firstEnd = new Date((await (await page.request.get("/api/auth/session")).json()).expires).getTime();
  await page.waitForTimeout(2000);
  const secondEnd = new Date((await (await page.request.get("/api/auth/session")).json()).expires).getTime();
  expect(secondEnd).toBe(firstEnd);
  expect(firstEnd).toBeLessThanOrEqual(signedInAt + 12 * 3600_000);
  expect((await page.request.get("/api/projects?plan=wenzhou-2021")).status()).toBe(200);

  // Twelve hours: refused, however recently active.
  await sql(OWNER_URL, `UPDATE "UserSession" SET "createdAt" = now() - interval '12 hours 1 minute', "lastSeenAt" = now() WHERE id = $1`, [id]);
  expect((await page.request.get("/api/projects?plan=wenzhou-2021")).status()).toBe(401);
  await page.goto("/plans/wenzhou-2021");
  await expect(page).toHaveURL(/\/login/);

  // A new session, left idle for 31 minutes: refused.
  await logIn(page, ACCOUNTS.reviewer);
  const second = await sessionFor();
  expect(second).not.toBe(id);
  await sql(OWNER_URL, `UPDATE "UserSession" SET "lastSeenAt" = now() - interval '31 minutes' WHERE id = $1`, [second]);
  expect((await page.request.get("/api/projects?plan=wenzhou-2021")).status()).toBe(401);
  const ended = await sql<{ endReason: string }>(OWNER_URL, `SELECT "endReason" FROM "UserSession" WHERE id = ANY($1) ORDER BY "createdAt"`, [[id, second]]);
  expect(ended.map((e) => e.endReason)).toEqual(["expired", "idle"]);
});

test("password policy: 12345678 and its kind are refused for an admin, and an admin-set password must be changed at first login", async ({ browser }) => {
  const admin = await freshPage(browser, "203.0.113.30");
  await logIn(admin, ACCOUNTS.admin);
  const login = `policy${Date.now() % 100000}`;
  for (const weak of ["12345678", "annex2021", "abcdefghijkl", `${login}-Aa1!`, "Password123!"]) {
    const response = await admin.request.post("/api/users", { data: { login, name: "x", role: "ADMIN", password: weak } });
    expect(response.status(), weak).toBe(400);
    expect((await response.json()).error.message, weak).toMatch(/密码/);
  }
  const initial = "Copper-Finch-58";
  expect((await admin.request.post("/api/users", { data: { login, name: "x", role: "VIEWER", password: initial } })).status()).toBe(200);

  const person = await freshPage(browser, "203.0.113.31");
  await person.goto("/login");
  await submitLogin(person, login, initial);
  await expect(person).toHaveURL(/\/account\/password/);
  // Anything else first: sent back to change the password.
  await person.goto("/plans/wenzhou-2021");
  await expect(person).toHaveURL(/\/account\/password/);
  await person.getByLabel("当前密码").fill(initial);
  await person.getByLabel("新密码", { exact: true }).fill("short");
  await person.getByLabel("再次输入新密码").fill("short");
  await person.getByRole("button", { name: "保存新密码" }).click();
  await expect(person.locator(".field-error").filter({ hasText: "密码至少 10 个字符" })).toBeVisible();
  await person.getByLabel("新密码", { exact: true }).fill("Velvet-Harbor-93");
  await person.getByLabel("再次输入新密码").fill("Velvet-Harbor-93");
  await person.getByRole("button", { name: "保存新密码" }).click();
  await person.waitForURL((url) => !url.pathname.startsWith("/account"));
  await person.goto("/plans/wenzhou-2021");
  await expect(person.getByTestId("shown-count")).toHaveText("69");
});

test("health: {ok} to anyone, the database details to an administrator only", async ({ request, browser }) => {
  const anonymous = await request.get("/api/health");
  expect(anonymous.status()).toBe(200);
  expect(await anonymous.json()).toEqual({ ok: true });

  const viewer = await freshPage(browser, "203.0.113.40");
  await logIn(viewer, ACCOUNTS.viewer);
  expect(await (await viewer.request.get("/api/health")).json()).toEqual({ ok: true });

  const admin = await freshPage(browser, "203.0.113.41");
  await logIn(admin, ACCOUNTS.admin);
  const details = await (await admin.request.get("/api/health")).json();
  expect(details.ok).toBe(true);
  expect(details.database.status).toBe("up");
  expect(details.database.appliedMigrations).toBeGreaterThan(0);
});

test("security headers: CSP with a nonce on Next's scripts and no other inline script, no framing, nosniff, referrer policy, HSTS over https", async ({ page, request }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["strict-transport-security"]).toBeUndefined();
  // Every script element of the page carries this response's nonce.
  const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const n of scripts) expect(n).toBe(nonce);
  // A second response has another nonce.
  const again = (await request.get("/login")).headers()["content-security-policy"]!;
  expect(/'nonce-([^']+)'/.exec(again)?.[1]).not.toBe(nonce);
  // Behind a reverse proxy that terminates https: HSTS.
  const https = await request.get("/login", { headers: { "X-Forwarded-Proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
  // The page works under its CSP: signing in still runs Next's scripts.
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await submitLogin(page, ACCOUNTS.viewer, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await expect(page.getByTestId("current-user")).toBeVisible();
  expect(violations).toEqual([]);
});

test("the audit trail cannot be rewritten with the application's database credentials, and the server runs as that role", async ({ page }) => {
  await logIn(page, ACCOUNTS.viewer);
  const users = await sql<{ usename: string }>(OWNER_URL, `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'annex' AND pid <> pg_backend_pid() AND usename IS NOT NULL`);
  expect(users.map((u) => u.usename)).toEqual(["annex_app"]);
  const app = new pg.Client({ connectionString: APP_URL });
  await app.connect();
  try {
    for (const attack of [
      `TRUNCATE "ProjectChange"`,
      `TRUNCATE "AuditEvent"`,
      `ALTER TABLE "ProjectChange" DISABLE TRIGGER ALL`,
      `SET session_replication_role = replica`,
      `UPDATE "ProjectChange" SET "newValue" = 'x'`,
      `DELETE FROM "AuditEvent"`,
      `UPDATE "AuditEvent" SET "actorLogin" = 'x'`,
    ]) {
      await expect(app.query(attack), attack).rejects.toThrow(/permission denied|must be owner/);
    }
  } finally {
    await app.end();
  }
  const history = await sql<{ n: number }>(OWNER_URL, `SELECT count(*)::int AS n FROM "ProjectChange"`);
  expect(history[0]!.n).toBeGreaterThan(0);
});

test("the audit log page lists logins with their address, filters, and exports CSV with formula-like cells neutralised", async ({ browser }) => {
  const attacker = await freshPage(browser, "198.51.100.77");
  await attacker.goto("/login");
  const evilLogin = '=HYPERLINK("http://evil.example","x")';
  await submitLogin(attacker, evilLogin, "whatever-1A");
  await expect(attacker.locator(".alert")).toHaveText("登录名或密码错误");

  const admin = await freshPage(browser, "203.0.113.60");
  await logIn(admin, ACCOUNTS.admin);
  await admin.goto("/admin/audit?action=auth.login&outcome=FAILED");
  const table = admin.getByTestId("audit-events");
  await expect(table.locator("tr", { hasText: evilLogin }).first()).toContainText("198.51.100.77");

  const csv = await admin.request.get("/api/audit/export?action=auth.login&outcome=FAILED");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);

  // Not for anyone else.
  const reviewer = await freshPage(browser, "203.0.113.61");
  await logIn(reviewer, ACCOUNTS.reviewer);
  expect((await reviewer.request.get("/api/audit/export")).status()).toBe(403);
  const pageResponse = await reviewer.goto("/admin/audit");
  expect(pageResponse!.status()).toBe(403);
});

// Last: it takes the database away from the application for a moment.
test("database outage: the login form says 数据库暂时不可用 with no driver message in the URL; pages and the API answer 503", async ({ browser }) => {
  const signedIn = await freshPage(browser, "203.0.113.70");
  await logIn(signedIn, ACCOUNTS.viewer);
  const page = await freshPage(browser, "203.0.113.71");
  await page.goto("/login");
  // The application's role may no longer connect, and its open connections are cut.
  await sql(OWNER_URL, `ALTER ROLE annex_app CONNECTION LIMIT 0`);
  await sql(OWNER_URL, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'annex_app'`);
  try {
    const answers: string[] = [];
    page.on("response", (r) => answers.push(r.url()));
    await submitLogin(page, ACCOUNTS.viewer, PASSWORD);
    await expect(page.locator(".alert")).toHaveText("数据库暂时不可用，请稍后重试");
    for (const url of [page.url(), ...answers]) expect(url).not.toMatch(/connection|terminat|too many|ECONN|role/i);

    const pageResponse = await signedIn.goto("/plans/wenzhou-2021");
    expect(pageResponse!.status()).toBe(503);
    await expect(signedIn.getByText("数据库暂时不可用")).toBeVisible();
    const api = await signedIn.request.get("/api/projects?plan=wenzhou-2021");
    expect(api.status()).toBe(503);
    expect((await api.json()).error.message).toContain("数据库暂时不可用");
    expect((await signedIn.request.get("/api/health")).status()).toBe(503);
  } finally {
    await sql(OWNER_URL, `ALTER ROLE annex_app CONNECTION LIMIT -1`);
  }
  await expect.poll(async () => (await page.request.get("/api/health")).status(), { timeout: 15_000 }).toBe(200);
});
