// The month a page shows, chosen from the months a plan can have reports for.
import { monthKey, monthLabel, reportableMonths, type YearMonth } from "@/lib/progress/reporting-calendar";
import { SearchParamSelect } from "./SearchParamSelect";
import { appNow } from "@/lib/time/clock";

export function MonthSelect({ label, param = "month", value, startYear, empty }: { label: string; param?: string; value: YearMonth | null; startYear: number; empty?: string }) {
  const months = reportableMonths(startYear, appNow()).map((m) => ({ value: monthKey(m), label: monthLabel(m) }));
  return <SearchParamSelect label={label} param={param} value={value ? monthKey(value) : ""} options={empty ? [{ value: "", label: empty }, ...months] : months} />;
}
