// A primary and a hot standby streaming from it, with Debian's PostgreSQL
// (apt `postgresql`): initdb, pg_basebackup -R, pg_ctl, run as the `postgres`
// system user when the tests run as root (PostgreSQL refuses root). For the
// read-replica test and the benchmark; null when the binaries are missing.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export type StreamingPair = { primaryUrl: string; standbyUrl: string; stop(): Promise<void> };

/** The newest Debian PostgreSQL bin folder that has every tool needed, or null. */
export function debianPostgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, "bin");
    if (["initdb", "pg_ctl", "pg_basebackup", "postgres"].every((tool) => existsSync(path.join(bin, tool)))) return bin;
  }
  return null;
}

export async function startStreamingPair(ports: { primary: number; standby: number }, database = "annex"): Promise<StreamingPair> {
  const bin = debianPostgresBin();
  if (!bin) throw new Error("Debian PostgreSQL (apt-get install postgresql) is not installed");
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(path.join(tmpdir(), "annex-replica-"));
  await chmod(dir, 0o755);
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    await chown(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) =>
    execFileSync(asRoot ? "runuser" : path.join(bin, tool), asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args, { stdio: "pipe", cwd: dir });
  const primary = path.join(dir, "primary");
  const standby = path.join(dir, "standby");
  const options = (port: number) => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  // initdb's default pg_hba trusts local connections, replication ones included.
  run("initdb", ["-D", primary, "-U", "annex", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
  run("pg_ctl", ["-D", primary, "-o", options(ports.primary), "-l", path.join(dir, "primary.log"), "-w", "start"]);
  const stop = async () => {
    for (const data of [standby, primary]) {
      if (existsSync(path.join(data, "postmaster.pid"))) {
        try {
          run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
        } catch {
          // already stopped
        }
      }
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const admin = new pg.Client({ connectionString: `postgresql://annex@127.0.0.1:${ports.primary}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    await admin.end();
    // The standby: a base backup of the primary with its recovery settings (-R), streaming the WAL as it goes.
    run("pg_basebackup", ["-h", "127.0.0.1", "-p", String(ports.primary), "-U", "annex", "-D", standby, "-R", "-X", "stream", "--checkpoint=fast"]);
    run("pg_ctl", ["-D", standby, "-o", options(ports.standby), "-l", path.join(dir, "standby.log"), "-w", "start"]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    primaryUrl: `postgresql://annex@127.0.0.1:${ports.primary}/${database}`,
    standbyUrl: `postgresql://annex@127.0.0.1:${ports.standby}/${database}`,
    stop,
  };
}

/** Waits until the standby has replayed everything the primary has written so far. */
export async function waitForReplay(primaryUrl: string, standbyUrl: string, timeoutMs = 60_000): Promise<void> {
  const primary = new pg.Client({ connectionString: primaryUrl });
  const standby = new pg.Client({ connectionString: standbyUrl });
  await primary.connect();
  await standby.connect();
  try {
    const { lsn } = (await primary.query("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { caught } = (await standby.query("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught", [lsn])).rows[0];
      if (caught) return;
      if (Date.now() > deadline) throw new Error("the standby did not catch up");
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await primary.end();
    await standby.end();
  }
}
