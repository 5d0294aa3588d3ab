// Text written into a spreadsheet cell (CSV or xlsx) that a spreadsheet
// program could take for a formula — starting with = + - @, or a tab or
// carriage return before one — is prefixed with an apostrophe, so that a
// project's content such as `=HYPERLINK(…)` is shown as text and never run
// (OWASP "CSV injection"). Numbers are written as numbers and never pass here.
// Used by every export, on the server and in the browser (the grid's CSV).

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text as it was before neutraliseFormula: an export read back by the import is the same text. */
export function restoreNeutralised(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
