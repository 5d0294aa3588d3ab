// The application as the end-to-end tests see it: built, served on E2E_PORT,
// on a fresh embedded PostgreSQL of its own with the demo data. It never
// touches DATABASE_URL: a test run must not write to a real installation.
import { rm } from "node:fs/promises";
import path from "node:path";

const dataDir = path.join(process.cwd(), ".data/e2e-postgres");
await rm(dataDir, { recursive: true, force: true });

delete process.env.DATABASE_URL;
process.env.EMBEDDED_PG_DIR = dataDir;
process.env.PORT = process.env.E2E_PORT ?? "3100";
// Its database beside its port (3100 → 54339, 3201 → 54440): two e2e servers on one machine never share one.
process.env.EMBEDDED_PG_PORT ??= String(54339 + Number(process.env.PORT) - 3100);
process.env.NEXTAUTH_SECRET ??= "e2e-only-secret-not-for-production";

await import("./start");
