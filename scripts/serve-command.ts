// How the production server is started (scripts/serve.mjs), shared by `npm start`
// and the benchmark's cluster so that the benchmark measures what is deployed.
import path from "node:path";

/**
 * Node's settings for the server process, measured under the benchmark's load
 * (README → Deployment → Node's settings):
 * - a heap ceiling of 1 GB (512 MB was measured first and killed the process
 *   on the largest import a user may send — 150,000 rows, 18 MB of CSV —
 *   whose apply needs more; e2e/largest-import.spec.ts keeps that honest).
 *   What a process holds after a full collection
 *   stayed under 270 MB under load, but without a ceiling V8 let garbage pile
 *   up to 600–760 MB before collecting it (its default limit here is 4 GB);
 *   with a ceiling the heap peaked at 250–280 MB (512) or 236 MB (1 GB, the
 *   RSS then 853 / 945 MB) at no more GC time;
 * - a young generation of 32 MB semi-spaces instead of 16: a page's rows and
 *   React's render tree die young, and a larger nursery lets them die there —
 *   side by side under the same load, 156 collections and 7.4 s of pauses
 *   against 283 and 9.7 s, the heap's peak unchanged.
 * A setting given in NODE_OPTIONS replaces the one here (Node would otherwise let the command line win).
 */
export const SERVER_NODE_FLAGS = ["--max-old-space-size=1024", "--max-semi-space-size=32"];

/** The server's flags, less those NODE_OPTIONS sets itself. */
export function serverNodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  const options = env.NODE_OPTIONS ?? "";
  return SERVER_NODE_FLAGS.filter((flag) => !options.includes(flag.split("=")[0]!));
}

/** The command line of a production server on `port`: [node, ...arguments]. */
export function serverCommand(port: number, hostname?: string, extraNodeFlags: string[] = [], root = process.cwd(), env: NodeJS.ProcessEnv = process.env): [string, string[]] {
  const args = [...serverNodeFlags(env), ...extraNodeFlags, path.join(root, "scripts/serve.mjs"), "--port", String(port)];
  if (hostname) args.push("--hostname", hostname);
  return [process.execPath, args];
}
