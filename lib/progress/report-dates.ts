// Dates as units write them in reports (2026-03-01, 2026/3/1, 2026.3.1,
// 2026年3月1日, full-width digits): read into the ISO day the database keeps.
// The monthly grid (typing and pasting) and the 填报模板 read them alike.

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

export type DateParse = { ok: true; date: string | null } | { ok: false; error: string };

export function parseReportDate(raw: string): DateParse {
  const text = raw.trim().replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (text === "") return { ok: true, date: null };
  const match = DATE_TEXT.exec(text);
  if (!match) return { ok: false, error: `“${raw.trim()}”不是日期，应写作 2026-03-01` };
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, error: `日期“${raw.trim()}”不存在` };
  if (y < 2000 || y > 2100) return { ok: false, error: `日期“${raw.trim()}”的年份不合理` };
  return { ok: true, date: date.toISOString().slice(0, 10) };
}
