// The demo date the end-to-end server runs on (ANNEX_TODAY), and the month
// units report on then, worked out here on their own: the suite passes on any
// real date.
export const E2E_TODAY = "2025-11-20";
export const REPORTING = { year: 2025, month: 10 };
export const REPORTING_PARAM = "2025-10";
