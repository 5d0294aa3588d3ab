import { readScope, readsWholePlan } from "@/lib/auth/scope";
import Link from "next/link";
import { Suspense } from "react";
import { can } from "@/lib/auth/actor";
import { ChangeRequestForm } from "@/components/change-requests/ChangeRequestForm";
import { ChangeRequestList } from "@/components/change-requests/ChangeRequestList";
import { DeleteProjectButton } from "@/components/projects/DeleteProjectButton";
import { listChangeRequests } from "@/lib/change-requests/change-requests";
import { getPlanWithDomains } from "@/lib/plans/plans";
import { projectPageTitle } from "@/lib/plans/page-title";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { isOwnProject } from "@/lib/auth/scope";
import { editableFields } from "@/lib/projects/project-access";
import { listProjectHistory } from "@/lib/projects/project-history";
import { orNotFound, requirePage } from "@/lib/pages/require-page";
import { prisma } from "@/lib/db/client";
import { formatAmountViewWan, formatAmountViewYi } from "@/lib/money/amount-view";
import { getAnnexRow } from "@/lib/projects/list-projects";
import { idParam } from "@/lib/validation/ids";
import type { AmountView } from "@/lib/projects/annex-row";
import { ProjectProgressChart } from "@/components/progress/ProjectProgressChart";
import { IssueList, RaiseIssueForm } from "@/components/progress/CoordinationIssues";
import { listIssues } from "@/lib/progress/coordination-issues";
import { projectProgressHistory } from "@/lib/progress/project-progress";
import { reportedElsewhere } from "@/lib/progress/report-access";
import { BasisSelect } from "@/components/progress/BasisSelect";
import { basisLine, basisOf } from "@/lib/progress/report-basis";
import { formatWanText } from "@/lib/progress/progress-format";
import { CONSTRUCTION_LABELS, REPORT_STATUS_LABELS, type ConstructionStatus } from "@/lib/progress/progress-input";
import { formatDateTime } from "@/lib/time/time-zone";
import { CountySharesForm } from "@/components/projects/CountySharesForm";
import { getCountySplit, suggestCountyShares } from "@/lib/projects/county-shares";
import { regionOptionsForPlan } from "@/lib/regions/region-options";

export const dynamic = "force-dynamic";

const RESOLUTION_LABELS = {
  COUNTY: "区县",
  WHOLE_CITY: "全市",
  FUNCTIONAL_ZONE: "功能区",
  UNDECIDED: "未定",
  UNRESOLVED: "无法识别",
} as const;

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: await projectPageTitle(Number((await params).id)) };
}

export default async function ProjectPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ basis?: string }> }) {
  const actor = await requirePage("annex.read");
  const { id } = await params;
  // Whose figures the curve shows (口径): 已审核 unless ?basis=submitted (an unknown value reads as the default).
  const basis = basisOf((await searchParams).basis);
  const db = prisma();
  const project = await orNotFound((async () => getAnnexRow(db, idParam(id, "项目"), readScope(actor)))());
  // Listed by a lower plan too (one 项目代码): reported there, once.
  const reportedIn = (await reportedElsewhere(db, [project.id])).get(project.id) ?? null;
  const [history, requests, plan, progress, issues] = await Promise.all([
    listProjectHistory(db, project.id, readScope(actor)),
    listChangeRequests(db, actor, { projectId: project.id }),
    getPlanWithDomains(db, project.planCode, readScope(actor)),
    projectProgressHistory(db, actor, project.id, { basis }),
    listIssues(db, actor, { projectId: project.id }),
  ]);
  const split = await getCountySplit(db, project.id);
  const mayRaiseIssue = can(actor, "coordination.any") || (can(actor, "coordination.own") && isOwnProject(actor, project));
  const mayEdit = editableFields(actor, project).length > 0;
  const mayRequest = can(actor, "change-request.create") && isOwnProject(actor, project);
  // The split: the DRC of the whole plan saves it, the project's unit proposes it (a change request).
  const maySplit = can(actor, "project.county-shares") && readsWholePlan(readScope(actor), plan.regionId);
  const splitForm = maySplit || mayRequest;
  const regionOptions = splitForm ? await regionOptionsForPlan(db, project.planCode) : [];
  const cityRegions = splitForm ? await db.region.findMany({ where: { parent: { code: plan.region.code } } }) : [];
  const suggestions = suggestCountyShares(project.content, cityRegions, { totalWan: split.totalWan, fypWan: split.fypWan }).map((s) => ({ regionCode: s.regionCode, total: s.totalWan, fyp: s.fypWan }));
  const suggested = split.shares.length === 0 ? suggestions : [];
  return (
    <>
      <Breadcrumbs
        items={[
          { label: "首页", href: "/" },
          { label: plan.name, href: `/plans/${plan.code}/dashboard` },
          { label: "重大项目表", href: `/plans/${plan.code}` },
          { label: `第 ${project.seq} 项` },
        ]}
      />
      <h1>
        {project.seq}. {project.name}
      </h1>
      <div className="action-bar">
        {mayEdit && (
          <Link prefetch={false} className="button primary" href={`/projects/${project.id}/edit`}>
            修改
          </Link>
        )}
        {can(actor, "project.delete") && (
          <DeleteProjectButton projectId={project.id} version={project.version} planCode={project.planCode} name={project.name} />
        )}
        {mayRequest && (
          <ChangeRequestForm
            projectId={project.id}
            domains={plan.domains.map((d) => ({ value: d.id, label: `${d.position}. ${d.name}` }))}
            current={{ domainId: project.domainId, seq: project.seq, total: formatAmountViewYi(project.total), fyp: formatAmountViewYi(project.fyp) }}
          />
        )}
        <span className="muted">版本 {project.version} · 更新于 {formatDateTime(project.updatedAt)}</span>
      </div>
      <div className="card">
        <dl className="fields" data-testid="project-fields">
          <dt>序号</dt>
          <dd>{project.seq}</dd>
          <dt>领域</dt>
          <dd>{project.domainName}</dd>
          <dt>项目名称</dt>
          <dd>{project.name}</dd>
          <dt>项目代码</dt>
          <dd>{project.code ?? <span className="muted">未赋码</span>}</dd>
          <dt>项目类型</dt>
          <dd>{project.type}</dd>
          <dt>项目期限</dt>
          <dd>
            {project.periodText}
            {project.periodStart !== null && (
              <span className="muted">
                （{project.periodStart}—{project.periodEnd} 年）
              </span>
            )}
          </dd>
          <dt>建设地点</dt>
          <dd>{project.locationText}</dd>
          <dt>所属区县</dt>
          <dd>
            {project.countyLabel}
            <span className={project.locationResolution === "UNRESOLVED" ? "badge warn wraps" : "badge wraps"}>
              {RESOLUTION_LABELS[project.locationResolution]}：{project.locationRule}
            </span>
          </dd>
          <dt>建设内容和规模</dt>
          <dd>{project.content}</dd>
          <dt>总投资</dt>
          <dd data-testid="project-total">
            <Amount value={project.total} />
          </dd>
          <dt>“十四五”投资</dt>
          <dd data-testid="project-fyp">
            <Amount value={project.fyp} />
          </dd>
          <dt>组织实施单位</dt>
          <dd>
            {project.units.map((u) => (
              <div key={u.unitId}>
                {u.name}
                {u.isLead && <span className="badge">牵头</span>}
                {u.publishedName !== u.name && <span className="muted">（原文：{u.publishedName}）</span>}
                {(u.contactPerson || u.contactPhone) && (
                  <span className="muted">
                    {" "}
                    联系人：{u.contactPerson ?? "—"} {u.contactPhone ?? ""}
                  </span>
                )}
              </div>
            ))}
            {project.units.length === 0 && <span className="muted">无</span>}
          </dd>
        </dl>
      </div>

      <h2 id="county-shares">按区县拆分</h2>
      {split.shares.length > 0 ? (
        <table className="plain" data-testid="county-shares">
          <thead>
            <tr>
              <th>区县</th>
              <th className="num">总投资（万元）</th>
              <th className="num">“十四五”投资（万元）</th>
            </tr>
          </thead>
          <tbody>
            {split.shares.map((s) => (
              <tr key={s.regionCode}>
                <td>{s.regionName}</td>
                <td className="num">{s.totalWan}</td>
                <td className="num">{s.fypWan}</td>
              </tr>
            ))}
            <tr>
              <td>未拆分</td>
              <td className="num">{split.unsplitTotalWan ?? "—"}</td>
              <td className="num">{split.unsplitFypWan ?? "—"}</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="muted">未按区县拆分：按区县汇总时计入“{project.countyLabel}”。</p>
      )}
      {splitForm && (
        <details open={split.shares.length === 0 && suggested.length > 0}>
          <summary>{maySplit ? (split.shares.length ? "修改拆分" : "按区县拆分投资") : split.shares.length ? "申请修改拆分" : "申请按区县拆分投资"}</summary>
          {!maySplit && <p className="muted">单位提出的拆分作为变更申请提交发改委，审核采纳后生效。</p>}
          <CountySharesForm
            mode={maySplit ? "set" : "propose"}
            suggestions={suggestions}
            projectId={project.id}
            version={split.version}
            totalWan={split.totalWan}
            fypWan={split.fypWan}
            regions={regionOptions.filter((o) => o.value !== plan.region.code)}
            initial={split.shares.length ? split.shares.map((s) => ({ regionCode: s.regionCode, total: s.totalWan, fyp: s.fypWan })) : suggested}
            suggested={split.shares.length === 0 && suggested.length > 0}
          />
        </details>
      )}

      <h2>投资进度</h2>
      <div className="action-bar">
        <Suspense>
          <BasisSelect value={basis} />
        </Suspense>
        <span className="muted" data-testid="basis-line">
          {basisLine(basis)}
        </span>
      </div>
      {reportedIn && (
        <p className="notice" data-testid="reported-in">
          本项目（代码 {project.code}）的月度进度在<Link prefetch={false} href={`/projects/${reportedIn.projectId}`}>《{reportedIn.planName}》</Link>中填报，以下为该处的填报和审核结果。
        </p>
      )}
      <ProjectProgressChart history={progress} />
      {progress.revisions.length > 0 && (
        <details style={{ marginTop: "0.75rem" }}>
          <summary>月度填报记录（{progress.revisions.length} 份，含退回和更正前的报送）</summary>
          <table className="plain" data-testid="report-revisions">
            <thead>
              <tr>
                <th>月份</th>
                <th>报送</th>
                <th>状态</th>
                <th className="num">当月完成（万元）</th>
                <th>项目状态</th>
                <th>形象进度</th>
                <th>填报人</th>
                <th>审核</th>
              </tr>
            </thead>
            <tbody>
              {progress.revisions.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.year}年{r.month}月
                  </td>
                  <td>
                    第 {r.revision} 次{r.effective && <span className="badge">计入</span>}
                  </td>
                  <td>{REPORT_STATUS_LABELS[r.status as keyof typeof REPORT_STATUS_LABELS]}</td>
                  <td className="num">{formatWanText(r.monthWan)}</td>
                  <td>{CONSTRUCTION_LABELS[r.construction as ConstructionStatus]}</td>
                  <td>{r.physicalProgress}</td>
                  <td>
                    {r.savedBy}
                    {r.submittedAt && <div className="muted">提交于 {formatDateTime(r.submittedAt)}</div>}
                  </td>
                  <td>
                    {r.reviewedBy ?? ""}
                    {r.reviewComment && `：${r.reviewComment}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}

      <h2 id="issues">存在问题及需协调事项</h2>
      <IssueList issues={issues} showProject={false} />
      {mayRaiseIssue && <RaiseIssueForm projectId={project.id} />}

      <h2>变更申请</h2>
      <ChangeRequestList requests={requests} canDecide={can(actor, "change-request.decide")} showProject={false} />

      <h2>修改记录</h2>
      {history.length === 0 ? (
        <p className="muted">尚无修改（数据为导入时的原样）。</p>
      ) : (
        <table className="plain history" data-testid="history">
          <thead>
            <tr>
              <th>时间</th>
              <th>操作人</th>
              <th>操作</th>
              <th>途径</th>
              <th>字段</th>
              <th>原值</th>
              <th>新值</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{formatDateTime(h.at)}</td>
                <td>{h.actorName}</td>
                <td>{h.action}</td>
                <td>{h.via}</td>
                <td>{h.fieldLabel}</td>
                <td className="old-value">{h.oldValue ?? "—"}</td>
                <td className="new-value">{h.newValue ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Amount({ value }: { value: AmountView }) {
  if (value.state !== "VALUE") return <>{formatAmountViewYi(value)}</>;
  return (
    <>
      {formatAmountViewYi(value)} 亿元 <span className="muted">（{formatAmountViewWan(value)} 万元）</span>
    </>
  );
}
