// One real PostgreSQL for the whole vitest run (never a mocked client, never
// the user's DATABASE_URL): an embedded server in a fresh temporary folder, a
// template database with every migration applied, and the reference regions.
// Each test file clones the template (tests/database.ts), so files are isolated.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createPrismaClient } from "@/lib/db/client";
import { embeddedUrl } from "@/lib/db/database-url";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { ensureRegions } from "@/lib/regions/seed-regions";
import { freePort } from "./free-port";

export const TEMPLATE_DATABASE = "annex_template";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(tmpdir(), "annex-test-pg-"));
  // Under root the server runs as the `postgres` user, which must reach the folder.
  await chmod(dataDir, 0o755);
  const options = { dataDir: path.join(dataDir, "data"), port: await freePort(), user: "annex", password: "annex", database: "annex" };
  const server = await startEmbeddedPostgres(options);
  await createDatabaseIfMissing(server.adminUrl, TEMPLATE_DATABASE);
  const templateUrl = embeddedUrl(options, TEMPLATE_DATABASE);
  await applyMigrations(templateUrl);
  const db = createPrismaClient(templateUrl);
  await ensureRegions(db);
  await db.$disconnect();

  project.provide("postgresAdminUrl", server.adminUrl);
  project.provide("templateDatabase", TEMPLATE_DATABASE);
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

