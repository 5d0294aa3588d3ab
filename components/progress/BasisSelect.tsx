// The switch between whose figures a page shows (口径: 已审核 or 含已提交未审核),
// kept in the URL (?basis=) like the month, so that the view can be shared.
import { BASIS_LABELS, REPORT_BASES, type ReportBasis } from "@/lib/progress/report-basis";
import { SearchParamSelect } from "./SearchParamSelect";

export function BasisSelect({ value }: { value: ReportBasis }) {
  return <SearchParamSelect label="口径" param="basis" value={value} options={REPORT_BASES.map((b) => ({ value: b, label: BASIS_LABELS[b] }))} />;
}
