import { readScope } from "@/lib/auth/scope";
import Link from "next/link";
import { orNotFound, requirePage } from "@/lib/pages/require-page";
import { prisma } from "@/lib/db/client";
import { dataQuality } from "@/lib/rollups/data-quality";

export const dynamic = "force-dynamic";
export const metadata = { title: "数据质量" };

export default async function QualityPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await requirePage("annex.read");
  const { code } = await params;
  const findings = await orNotFound(dataQuality(prisma(), decodeURIComponent(code), readScope(actor)));
  return (
    <>
      <h1>数据质量检查</h1>
      {findings.map((f) => (
        <section key={f.check} data-testid={`quality-${f.check}`}>
          <h2>
            {f.title}（{f.items.length}）
          </h2>
          <p className="muted">{f.hint}</p>
          {f.items.length === 0 ? (
            <p className="ok-text">未发现。</p>
          ) : (
            <ul>
              {f.items.map((item, i) => (
                <li key={i}>
                  {item.projects.slice(0, 12).map((p, j) => (
                    <span key={p.id}>
                      {j > 0 && "、"}
                      <Link prefetch={false} href={`/projects/${p.id}`}>
                        {p.seq}. {p.name}
                      </Link>
                    </span>
                  ))}
                  {item.projects.length > 12 && ` 等 ${item.projects.length} 个项目`}
                  {item.reason && `：${item.reason}`}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
