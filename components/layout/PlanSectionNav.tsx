"use client";

// A plan's pages, one bar above each: breadcrumbs to the plan and the section
// the reader is in (read from the path), and the plan's other sections.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Breadcrumbs } from "./Breadcrumbs";

const SECTIONS = [
  { path: "dashboard", label: "概览" },
  { path: "", label: "重大项目表" },
  { path: "progress", label: "进度填报" },
  { path: "rollups", label: "汇总" },
  { path: "issues", label: "协调事项" },
] as const;

const OTHER: Record<string, string> = {
  "progress/review": "审核与催报",
  "annual-plans": "年度计划",
  quality: "数据质量",
  reconciliation: "核对分类汇总表",
  deleted: "已删除的项目",
  "projects/new": "新增项目",
  versions: "版本与中期调整",
};

export function PlanSectionNav({ code, name }: { code: string; name: string }) {
  const pathname = usePathname();
  const base = `/plans/${encodeURIComponent(code)}`;
  const rest = decodeURIComponent(pathname).replace(`/plans/${code}`, "").replace(/^\//, "");
  const section = SECTIONS.find((s) => s.path === rest);
  // A version's page and an adjustment's sit under 版本与中期调整.
  const underVersions = /^(versions|adjustments)\/[^/]+$/.test(rest);
  const label = section?.label ?? OTHER[rest] ?? (underVersions ? (rest.startsWith("versions/") ? `第 ${rest.slice("versions/".length)} 版` : `中期调整 #${rest.slice("adjustments/".length)}`) : null);
  const parent = rest.startsWith("progress/") ? [{ label: "进度填报", href: `${base}/progress` }] : underVersions ? [{ label: "版本与中期调整", href: `${base}/versions` }] : [];
  return (
    <div className="plan-bar print-hide">
      <Breadcrumbs items={[{ label: "首页", href: "/" }, { label: name, href: `${base}/dashboard` }, ...parent, ...(label ? [{ label }] : [])]} />
      <nav className="plan-sections" aria-label="规划栏目">
        {SECTIONS.map((s) => {
          const href = s.path ? `${base}/${s.path}` : base;
          const current = s.path === rest || (s.path === "progress" && rest.startsWith("progress"));
          return (
            <Link key={s.path} prefetch={false} href={href} className={current ? "current" : undefined} aria-current={current ? "page" : undefined}>
              {s.label}
            </Link>
          );
        })}
      </nav>
    </div>
  );
}
