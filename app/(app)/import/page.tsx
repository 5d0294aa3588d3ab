import { requirePage } from "@/lib/pages/require-page";
import { ImportWizard } from "@/components/import/ImportWizard";

export const dynamic = "force-dynamic";
export const metadata = { title: "导入重大项目表 · 重大项目管理" };

export default async function ImportPage({ searchParams }: { searchParams: Promise<{ plan?: string }> }) {
  const actor = await requirePage("annex.import");
  const { plan } = await searchParams;
  return (
    <>
      <h1>导入重大项目表</h1>
      <p className="muted">
        读取各地流转的 Excel 或 CSV 原表（标题行、两行表头、合并的领域行、小计和合计行、亿元或万元、待定和——均可识别）。先预览每一行将如何保存及其错误和提示：两列都可作为同一字段时请选择使用哪一列，隐藏的行和列默认不导入。确认后一次性导入；有错误的文件不会写入。规划代码不存在时将新建规划，其名称、代码和年度可在预览中修改。文件不超过 20 MB。
      </p>
      <ImportWizard defaultPlanCode={plan ?? "wenzhou-2021"} />
    </>
  );
}
