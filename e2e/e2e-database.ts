// The e2e server's embedded PostgreSQL, for the server (scripts/e2e-server.ts)
// and the specs that read the database directly: its port follows the
// server's own (3100 → 54339, 3201 → 54440), so that two e2e servers on one
// machine never share a database.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_PG_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54339 + E2E_PORT - 3100);
/** The owner of the embedded server's database. */
export const E2E_DATABASE_URL = `postgresql://annex:annex@127.0.0.1:${E2E_PG_PORT}/annex`;
