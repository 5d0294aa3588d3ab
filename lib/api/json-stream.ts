// A large JSON answer (the grid's 5,000 rows are about 4 MB) written a slice of
// rows at a time, yielding to the event loop between slices: one
// JSON.stringify of the whole answer held the server's loop for tens of
// milliseconds, hundreds under load, during which no other request was
// answered (the load test's event-loop delay). The bytes are the same as
// NextResponse.json({ ...head, [key]: rows }) would send.

/** Rows per slice: about 150 KB of JSON for the grid's rows. */
const SLICE = 200;

export function jsonRowsResponse(head: Record<string, unknown>, key: string, rows: readonly unknown[], init: ResponseInit = {}): Response {
  const encoder = new TextEncoder();
  // `{"plan":"…","projects":` — the key last, its array written slice by slice.
  const opening = JSON.stringify({ ...head, [key]: [] }).slice(0, -3);
  let next = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (next === 0 && rows.length === 0) {
          controller.enqueue(encoder.encode(`${opening}[]}`));
          controller.close();
          return;
        }
        // Other requests' callbacks run here, between two slices.
        if (next > 0) await new Promise((resolve) => setImmediate(resolve));
        const slice = rows.slice(next, next + SLICE);
        const body = JSON.stringify(slice).slice(1, -1);
        const text = `${next === 0 ? `${opening}[` : ","}${body}${next + SLICE >= rows.length ? "]}" : ""}`;
        next += SLICE;
        controller.enqueue(encoder.encode(text));
        if (next >= rows.length) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json");
  return new Response(stream, { ...init, headers });
}

/** `{ ...head, [key]: <array> }` where the array is JSON text already written (by the database): passed on as it is. */
export function jsonWithArrayTextResponse(head: Record<string, unknown>, key: string, arrayJson: string, init: ResponseInit = {}): Response {
  const opening = JSON.stringify({ ...head, [key]: [] }).slice(0, -3);
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json");
  return new Response(`${opening}${arrayJson}}`, { ...init, headers });
}
