// One export in a process of its own, for the benchmark: its time, and the
// CPU time and the process's peak memory (what a worker needs, Prisma and the
// rows included).
// `tsx scripts/bench-export-once.ts DATABASE_URL PLAN FORMAT` prints JSON.
import { createPrismaClient } from "@/lib/db/client";
import { exportFile, type ExportFormat } from "@/lib/export/export-file";

const [url, planCode, format] = process.argv.slice(2) as [string, string, ExportFormat];
const db = createPrismaClient(url);
const start = performance.now();
// CPU time as well: on a shared machine the wall time says as much about the neighbours as about the export.
const cpu = process.cpuUsage();
const file = await exportFile(db, { planCode, format, table: "annex" });
const ms = Math.round(performance.now() - start);
const used = process.cpuUsage(cpu);
const cpuMs = Math.round((used.user + used.system) / 1000);
await db.$disconnect();
console.log(JSON.stringify({ ms, cpuMs, bytes: file.bytes.length, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
