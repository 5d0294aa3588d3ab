import { readScope } from "@/lib/auth/scope";
import { readRoute } from "@/lib/api/routes";
import { prisma } from "@/lib/db/client";
import { heavyRead } from "@/lib/db/read-replica";
import { recordAudit } from "@/lib/audit/audit-events";
import { requestMeta } from "@/lib/api/request-origin";
import { attachment } from "@/lib/export/download";
import { EXPORT_FORMATS } from "@/lib/export/export-formats";
import { exportPool } from "@/lib/export/export-pool";
import { annexViewQuery, annexViewSchema } from "@/lib/projects/annex-view-input";
import { parseInput } from "@/lib/validation/parse-input";
import { z } from "@/lib/validation/zod";

const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  table: z.enum(["annex", "summary", "changes"]).default("annex"),
  /** As of a version of the plan (1 = the baseline); the 调整前后对照表 of that version against the one before. */
  version: z.coerce.number({ error: "版本应为正整数" }).int("版本应为正整数").positive("版本应为正整数").max(100_000, "版本号过大").optional(),
  /** The 分类汇总表's figures: recomputed from the rows (default), or the plan's published ones as published. */
  figures: z.enum(["detail", "published"]).default("detail"),
  /** "1": the grid's view as a workbook (its columns, its filter written above). */
  view: z.enum(["1"]).optional(),
});

/** The annex or its rollup by domain, laid out as published, or a view of the grid, for every role; built in an export worker, off the request loop. */
export const GET = readRoute<{ code: string }>("annex.export", async (request, { actor, params }) => {
  const search = request.nextUrl.searchParams;
  const query = parseInput(exportQuerySchema, Object.fromEntries(["format", "table", "figures", "view", "version"].map((k) => [k, search.get(k) ?? undefined])));
  // The grid's filters: an export of the view on screen.
  const view = parseInput(annexViewSchema, annexViewQuery(search));
  // Read from the replica when there is one (lib/db/read-replica.ts), in a worker thread (lib/export/export-pool.ts).
  const { databaseUrl } = await heavyRead();
  const file = await exportPool().run(databaseUrl, {
    planCode: params.code,
    format: query.format,
    table: query.table,
    figures: query.figures,
    asView: query.view === "1",
    view,
    version: query.version,
    scope: readScope(actor),
  });
  // Who exported what: the audit trail keeps it (an export is no mutation, so not the runner's), on the primary.
  await recordAudit(prisma(), {
    at: new Date(),
    actor: { userId: actor.userId, login: actor.login },
    action: "annex.export",
    target: { type: "plan", id: params.code },
    summary: { format: query.format, table: query.table, view, version: query.version ?? null },
    outcome: "SUCCESS",
    request: requestMeta(request),
  });
  return attachment(file.bytes, file.fileName, query.format);
});
