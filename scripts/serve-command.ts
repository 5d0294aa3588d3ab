// How the production server is started (scripts/serve.ts), shared by `npm start`
// and the benchmark's cluster so that the benchmark measures what is deployed.
import path from "node:path";

/**
 * Node's settings for the server process. A young generation (semi-space) of
 * 32 MB instead of V8's 16: a page's rows and React's render tree die young,
 * and a larger nursery lets them die there instead of being copied into the old
 * generation, which then needs fewer of the long mark-compact pauses.
 * NODE_OPTIONS still applies on top (e.g. --max-old-space-size).
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=32"];

/** The command line of a production server on `port`: [node, ...arguments]. */
export function serverCommand(port: number, hostname?: string, extraNodeFlags: string[] = [], root = process.cwd()): [string, string[]] {
  const args = [...SERVER_NODE_FLAGS, ...extraNodeFlags, "--import", "tsx", path.join(root, "scripts/serve.ts"), "--port", String(port)];
  if (hostname) args.push("--hostname", hostname);
  return [process.execPath, args];
}
