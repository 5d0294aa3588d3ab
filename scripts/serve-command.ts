// How the production server is started (scripts/serve.mjs), shared by `npm start`
// and the benchmark's cluster so that the benchmark measures what is deployed.
import path from "node:path";

/**
 * Node's settings for the server process (none yet beyond V8's defaults; see README → Deployment).
 * NODE_OPTIONS still applies on top.
 */
export const SERVER_NODE_FLAGS: string[] = [];

/** The command line of a production server on `port`: [node, ...arguments]. */
export function serverCommand(port: number, hostname?: string, extraNodeFlags: string[] = [], root = process.cwd()): [string, string[]] {
  const args = [...SERVER_NODE_FLAGS, ...extraNodeFlags, path.join(root, "scripts/serve.mjs"), "--port", String(port)];
  if (hostname) args.push("--hostname", hostname);
  return [process.execPath, args];
}
