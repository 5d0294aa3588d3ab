// Prisma CLI configuration. Only `prisma generate` is used from the CLI here:
// migrations run through lib/db/migrations.ts (the WASM schema engine), see README.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
