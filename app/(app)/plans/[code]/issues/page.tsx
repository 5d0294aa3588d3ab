import { Suspense } from "react";
import { IssueList } from "@/components/progress/CoordinationIssues";
import { SearchParamSelect } from "@/components/progress/SearchParamSelect";
import { orNotFound, requirePage } from "@/lib/pages/require-page";
import { prisma } from "@/lib/db/client";
import { listIssues } from "@/lib/progress/coordination-issues";

export const dynamic = "force-dynamic";
export const metadata = { title: "协调事项" };

/** 协调事项: the open ones first (overdue marked), then the resolved with how. */
export default async function IssuesPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<{ show?: string }> }) {
  const actor = await requirePage("progress.read");
  const { code } = await params;
  const showAll = (await searchParams).show === "all";
  const issues = await orNotFound(listIssues(prisma(), actor, { planCode: decodeURIComponent(code), open: !showAll }));
  return (
    <>
      <h1>存在问题及需协调事项</h1>
      <p className="muted" style={{ marginTop: 0 }}>
        每个问题单独跟踪（责任单位、要求解决日期、状态和解决情况），不必每月重复填写；在项目页提出新的事项。
      </p>
      <div className="toolbar">
        <Suspense>
          <SearchParamSelect
            label="范围"
            param="show"
            value={showAll ? "all" : ""}
            options={[
              { value: "", label: "未解决的" },
              { value: "all", label: "全部（含已解决）" },
            ]}
          />
        </Suspense>
      </div>
      <IssueList issues={issues} showProject />
    </>
  );
}
