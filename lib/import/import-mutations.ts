// The import's three changes as declarations for the runner (permission,
// schema, run): upload and preview, answer the preview's questions, apply.
// Routes, the command line, the demo data and the benchmark all run these.
import { defineMutation } from "@/lib/mutations/mutation";
import { z } from "@/lib/validation/zod";
import { applyImport, importerOf, previewImport, repreviewImport } from "./import-annex";
import { importOptionsInput } from "./import-options";

const importId = z.number().int().positive();

export const previewAnnexImport = defineMutation({
  name: "annex.import.preview",
  permission: "annex.import",
  operator: true,
  timeout: 180_000,
  schema: z.object({
    planCode: z.string().trim().min(1, "请填写规划代码").max(64, "规划代码不超过 64 个字符"),
    fileName: z.string().min(1).max(255),
    bytes: z.instanceof(Uint8Array),
    options: importOptionsInput.default({}),
  }),
  run: (tx, principal, input) => previewImport(tx, importerOf(principal), input),
  audit: (input, preview) => ({
    target: { type: "AnnexImport", id: preview.importId },
    summary: { planCode: input.planCode, fileName: input.fileName, bytes: input.bytes.length, options: input.options, counts: preview.counts },
  }),
});

export const repreviewAnnexImport = defineMutation({
  name: "annex.import.repreview",
  permission: "annex.import",
  operator: true,
  timeout: 180_000,
  schema: z.object({ importId, options: importOptionsInput.default({}) }),
  run: (tx, principal, input) => repreviewImport(tx, importerOf(principal), input.importId, input.options),
  audit: (input, preview) => ({ target: { type: "AnnexImport", id: input.importId }, summary: { options: input.options, counts: preview.counts } }),
});

export const applyAnnexImport = defineMutation({
  name: "annex.import.apply",
  permission: "annex.import",
  operator: true,
  // A 100,000-project plan re-imported in one transaction.
  timeout: 600_000,
  schema: z.object({ importId, options: importOptionsInput.optional() }),
  run: (tx, principal, input, ctx) => applyImport(tx, importerOf(principal), input.importId, input.options, ctx.now),
  audit: (input, result) => ({ target: { type: "AnnexImport", id: input.importId }, summary: { planCode: result.planCode, counts: result.counts } }),
});
