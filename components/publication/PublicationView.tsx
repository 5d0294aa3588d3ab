// A publication (lib/export/publication.ts) on a page: the same headings,
// paragraphs and tables as its docx, PDF and xlsx.
import type { Publication } from "@/lib/export/publication";
import { defaultAlign } from "@/lib/export/publication";

export function PublicationView({ publication }: { publication: Publication }) {
  return (
    <div className="publication">
      {publication.parts.map((part, p) => (
        <section key={p}>
          {part.label && <p className="publication-label">{part.label}</p>}
          <h2 className="publication-title">{part.title}</h2>
          {part.subtitle && <p className="publication-subtitle">{part.subtitle}</p>}
          {part.blocks.map((block, b) =>
            block.kind === "heading" ? (
              <h3 key={b}>{block.text}</h3>
            ) : block.kind === "paragraph" ? (
              <p key={b} className="publication-paragraph">
                {block.text}
              </p>
            ) : (
              <div key={b} className="table-scroll">
                <table className="plain" data-testid={`bulletin-table-${block.table.sheetName}`}>
                  <thead>
                    <tr>
                      {block.table.columns.map((c, i) => (
                        <th key={i} style={{ whiteSpace: "pre-line" }}>
                          {c.header}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {block.table.rows.map((row, r) =>
                      row.kind === "group" ? (
                        <tr key={r}>
                          <th colSpan={block.table.columns.length} style={{ textAlign: "left" }}>
                            {row.cells[0]}
                          </th>
                        </tr>
                      ) : (
                        <tr key={r} className={row.kind === "total" ? "total-row" : undefined}>
                          {row.cells.map((cell, i) => (
                            <td key={i} className={TEXT_KINDS.has(block.table.columns[i]!.kind) ? "name" : "num"} style={{ textAlign: defaultAlign(block.table.columns[i]!.kind), whiteSpace: "pre-line", fontWeight: row.kind === "total" ? 600 : undefined }}>
                              {cell}
                            </td>
                          ))}
                        </tr>
                      ),
                    )}
                  </tbody>
                </table>
                {block.table.notes?.map((n, i) => (
                  <p key={i} className="muted">
                    {n}
                  </p>
                ))}
              </div>
            ),
          )}
        </section>
      ))}
    </div>
  );
}

/** Columns of words (kept readable on a phone, see .name); the others are figures. */
const TEXT_KINDS = new Set(["text", "name"]);
