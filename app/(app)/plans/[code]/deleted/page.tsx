import { readScope } from "@/lib/auth/scope";
import Link from "next/link";
import { RestoreProjectButton } from "@/components/projects/RestoreProjectButton";
import { orNotFound, requirePage } from "@/lib/pages/require-page";
import { prisma } from "@/lib/db/client";
import { listDeletedProjects } from "@/lib/projects/delete-project";
import { formatDateTime } from "@/lib/time/time-zone";

export const dynamic = "force-dynamic";
export const metadata = { title: "已删除的项目" };

export default async function DeletedProjectsPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await requirePage("project.restore");
  const { code } = await params;
  const projects = await orNotFound(listDeletedProjects(prisma(), decodeURIComponent(code), readScope(actor)));
  return (
    <>
      <p className="muted">
        <Link prefetch={false} href={`/plans/${code}`}>← 返回重大项目表</Link>
      </p>
      <h1>已删除的项目</h1>
      {projects.length === 0 ? (
        <p className="muted">没有已删除的项目。</p>
      ) : (
        <table className="plain" data-testid="deleted-projects">
          <thead>
            <tr>
              <th>序号</th>
              <th>项目名称</th>
              <th>领域</th>
              <th>删除时间</th>
              <th>删除人</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id}>
                <td>{p.seq}</td>
                <td>{p.name}</td>
                <td>{p.domainName}</td>
                <td>{formatDateTime(p.deletedAt)}</td>
                <td>{p.deletedBy}</td>
                <td>
                  <RestoreProjectButton projectId={p.id} version={p.version} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
