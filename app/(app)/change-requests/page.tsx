import { requirePage } from "@/lib/pages/require-page";
import { ChangeRequestList } from "@/components/change-requests/ChangeRequestList";
import { can } from "@/lib/auth/actor";
import { listChangeRequests } from "@/lib/change-requests/change-requests";
import { prisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";
export const metadata = { title: "变更申请 · 重大项目管理" };

export default async function ChangeRequestsPage() {
  const actor = await requirePage("annex.read");
  const all = await listChangeRequests(prisma(), actor, {});
  const open = all.filter((r) => r.status === "OPEN");
  const decided = all.filter((r) => r.status !== "OPEN");
  const canDecide = can(actor, "change-request.decide");
  return (
    <>
      <h1>变更申请</h1>
      <p className="muted">
        {canDecide ? "实施单位提出的领域、序号和投资额调整及按区县拆分，待发改委审核。" : "本单位提出的领域、序号和投资额调整及按区县拆分申请。"}
      </p>
      <h2>待审核（{open.length}）</h2>
      <ChangeRequestList requests={open} canDecide={canDecide} showProject />
      <h2>已处理（{decided.length}）</h2>
      <ChangeRequestList requests={decided} canDecide={false} showProject />
    </>
  );
}
