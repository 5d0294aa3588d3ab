// The application as the end-to-end tests see it: built, served on E2E_PORT,
// on a fresh embedded PostgreSQL of its own with the demo data. It never
// touches DATABASE_URL: a test run must not write to a real installation.
import { rm } from "node:fs/promises";
import path from "node:path";
import { E2E_PG_PORT, E2E_PORT } from "../e2e/e2e-database";

const dataDir = path.join(process.cwd(), ".data/e2e-postgres");
await rm(dataDir, { recursive: true, force: true });

delete process.env.DATABASE_URL;
process.env.EMBEDDED_PG_DIR = dataDir;
process.env.PORT = String(E2E_PORT);
process.env.EMBEDDED_PG_PORT = String(E2E_PG_PORT);
process.env.NEXTAUTH_SECRET ??= "e2e-only-secret-not-for-production";

await import("./start");
