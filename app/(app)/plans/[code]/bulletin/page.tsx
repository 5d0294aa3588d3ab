import { readScope } from "@/lib/auth/scope";
import Link from "next/link";
import { Suspense } from "react";
import { PrintButton } from "@/components/print/PrintButton";
import { MonthSelect } from "@/components/progress/MonthSelect";
import { PublicationView } from "@/components/publication/PublicationView";
import { bulletinData } from "@/lib/bulletin/bulletin-data";
import { bulletinPublication } from "@/lib/bulletin/bulletin-document";
import { bulletinQuerySchema } from "@/lib/bulletin/bulletin-input";
import { BasisSelect } from "@/components/progress/BasisSelect";
import { basisLine, basisQuery } from "@/lib/progress/report-basis";
import { prisma } from "@/lib/db/client";
import { appNow } from "@/lib/time/clock";
import { orNotFound, pageParam, requirePage } from "@/lib/pages/require-page";
import { getPlanWithDomains } from "@/lib/plans/plans";
import { monthKey } from "@/lib/progress/reporting-calendar";

export const dynamic = "force-dynamic";
export const metadata = { title: "月度通报" };

/** 月度通报: the month's 重大项目推进情况通报, as it will be sent, with its downloads. */
export default async function BulletinPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ month?: string; basis?: string }> }) {
  const actor = await requirePage("progress.read");
  const { code } = await params;
  const search = await searchParams;
  const db = prisma();
  const plan = await orNotFound(getPlanWithDomains(db, decodeURIComponent(code), readScope(actor)));
  const query = pageParam(bulletinQuerySchema, { month: search.month ?? null, basis: search.basis });
  const publication = bulletinPublication(await orNotFound(bulletinData(db, actor, plan.code, query.month, query.basis, appNow())));
  const download = (format: string) => `/api/plans/${encodeURIComponent(plan.code)}/bulletin?month=${monthKey(query.month)}&basis=${query.basis}&format=${format}`;
  return (
    <>
      <p className="muted">
        <Link prefetch={false} href={`/plans/${plan.code}/dashboard?month=${monthKey(query.month)}${basisQuery(query.basis)}`}>← 概览</Link>
      </p>
      <h1>月度通报</h1>
      <p className="muted" data-testid="basis-line">
        {basisLine(query.basis)}
      </p>
      <div className="toolbar">
        <Suspense>
          <MonthSelect label="月份" value={query.month} startYear={plan.startYear} />
          <BasisSelect value={query.basis} />
        </Suspense>
        <a className="button" href={download("docx")} data-testid="bulletin-docx">
          下载 Word
        </a>
        <a className="button" href={download("pdf")}>
          下载 PDF
        </a>
        <a className="button" href={download("xlsx")}>
          下载 Excel
        </a>
        <PrintButton />
      </div>
      <PublicationView publication={publication} />
    </>
  );
}
