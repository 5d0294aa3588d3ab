import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ACCOUNTS, logIn } from "./accounts";

// Cross-site request forgery, tried as an attacker would: a page on another
// port of the same host (same site, so the Lax session cookie goes along)
// posts a text/plain form whose body happens to be JSON. The application must
// refuse it and change nothing; the same request from its own pages works.

let evil: Server;
let evilOrigin = "";
let evilPage = "";

test.beforeAll(async () => {
  evil = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(evilPage);
  });
  await new Promise<void>((resolve) => evil.listen(0, "localhost", resolve));
  evilOrigin = `http://localhost:${(evil.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => evil.close(() => resolve())));

async function ownProject(request: APIRequestContext): Promise<number> {
  const { projects } = await (await request.get("/api/projects?plan=wenzhou-2021")).json();
  // 序号 3 is implemented by the editor's unit (市住建局).
  return projects.find((p: { seq: number }) => p.seq === 3).id;
}

async function changeRequestCount(request: APIRequestContext, projectId: number): Promise<number> {
  const { changeRequests } = await (await request.get(`/api/projects/${projectId}/change-requests`)).json();
  return changeRequests.length;
}

const PROPOSAL = { total: { text: "99", unit: "亿元" }, reason: "跨站伪造的申请" };

test("a text/plain form from another port of the same host is refused and changes nothing", async ({ page, baseURL }) => {
  await logIn(page, ACCOUNTS.editor);
  const projectId = await ownProject(page.request);
  const before = await changeRequestCount(page.request, projectId);
  // name + "=" + value is sent as is: the body reads as the JSON the API takes.
  const json = JSON.stringify({ ...PROPOSAL, pad: "" });
  const name = json.slice(0, -2);
  evilPage = `<!doctype html><form id="f" method="POST" enctype="text/plain" action="${baseURL}/api/projects/${projectId}/change-requests">
    <input type="hidden" name='${name}' value='"}'></form><script>document.getElementById("f").submit()</script>`;
  const answer = page.waitForResponse((r) => r.url().includes(`/api/projects/${projectId}/change-requests`) && r.request().method() === "POST");
  await page.goto(evilOrigin);
  const response = await answer;
  expect(response.status()).toBe(403);
  expect((await response.json()).error.message).toMatch(/拒绝跨站请求/);
  expect(await changeRequestCount(page.request, projectId)).toBe(before);
});

test("the API refuses a foreign or same-site-other-port Origin whatever the body, and takes its own", async ({ page, baseURL }) => {
  await logIn(page, ACCOUNTS.editor);
  const projectId = await ownProject(page.request);
  const url = `/api/projects/${projectId}/change-requests`;
  const before = await changeRequestCount(page.request, projectId);
  for (const origin of ["https://evil.example", evilOrigin, "null"]) {
    const bodies: [string, string][] = [
      ["text/plain", JSON.stringify(PROPOSAL)],
      ["application/x-www-form-urlencoded", "reason=x"],
      ["application/json", JSON.stringify(PROPOSAL)],
    ];
    for (const [type, data] of bodies) {
      const response = await page.request.post(url, { headers: { Origin: origin, "Content-Type": type }, data });
      expect(response.status(), `${origin} ${type}`).toBe(403);
      expect((await response.json()).error.message).toMatch(/拒绝跨站请求/);
    }
  }
  // A browser's request without Origin but saying it is cross-site.
  const crossSite = await page.request.post(url, { headers: { "Sec-Fetch-Site": "same-site", "Content-Type": "application/json" }, data: PROPOSAL });
  expect(crossSite.status()).toBe(403);
  // A non-browser client (no Origin, no Sec-Fetch-*) with a session must send JSON.
  const plain = await page.request.post(url, { headers: { "Content-Type": "text/plain" }, data: JSON.stringify(PROPOSAL) });
  expect(plain.status()).toBe(415);
  expect(await changeRequestCount(page.request, projectId)).toBe(before);

  const own = await page.request.post(url, { headers: { Origin: baseURL!, "Sec-Fetch-Site": "same-origin" }, data: PROPOSAL });
  expect(own.status()).toBe(201);
  expect(await changeRequestCount(page.request, projectId)).toBe(before + 1);
});
