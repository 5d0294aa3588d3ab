import path from "node:path";

/** Where `npm start` keeps its own PostgreSQL when DATABASE_URL is not set. */
export type EmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  user: string;
  password: string;
  database: string;
};

export const EMBEDDED_DEFAULTS: EmbeddedPostgresOptions = {
  dataDir: path.resolve(process.env.EMBEDDED_PG_DIR ?? path.join(process.cwd(), ".data/postgres")),
  port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
  user: "annex",
  password: "annex",
  database: "annex",
};

export function embeddedUrl(options: EmbeddedPostgresOptions, database = options.database): string {
  return `postgresql://${options.user}:${options.password}@127.0.0.1:${options.port}/${database}`;
}
