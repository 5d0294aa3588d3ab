import { requirePage } from "@/lib/pages/require-page";
import { UnitRegister } from "@/components/units/UnitRegister";
import { can } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { listUnits } from "@/lib/units/unit-registry";

export const dynamic = "force-dynamic";
export const metadata = { title: "单位名录 · 重大项目管理" };

export default async function UnitsPage() {
  const actor = await requirePage("annex.read");
  const units = await listUnits(prisma());
  return (
    <>
      <h1>实施单位名录</h1>
      <p className="muted">同一单位的不同名称（如“市卫健委”与“市卫生健康委”）可合并为一个单位：各项目原公布的名称仍会保留。</p>
      <UnitRegister units={units} canManage={can(actor, "units.manage")} />
    </>
  );
}
