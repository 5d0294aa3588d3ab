"use client";

/** The browser's print dialog; the print stylesheet drops the menus and keeps charts whole. */
export function PrintButton() {
  return (
    <button className="button print-hide" type="button" onClick={() => window.print()}>
      打印
    </button>
  );
}
