// The production server's command line: Node's flags first (V8 reads them at
// start), then the server script, its port and host; the benchmark's extra
// diagnosis flags go with Node's, never after the script.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { serverCommand, SERVER_NODE_FLAGS } from "./serve-command";

describe("serverCommand", () => {
  it("runs scripts/serve.mjs with the server's Node flags before it", () => {
    const [node, args] = serverCommand(3001, "127.0.0.1", ["--cpu-prof"], "/srv/annex");
    expect(node).toBe(process.execPath);
    const script = args.indexOf(path.join("/srv/annex", "scripts/serve.mjs"));
    expect(script).toBeGreaterThan(0);
    expect(args.slice(0, script)).toEqual([...SERVER_NODE_FLAGS, "--cpu-prof"]);
    expect(args.slice(script + 1)).toEqual(["--port", "3001", "--hostname", "127.0.0.1"]);
  });

  it("leaves the host out when none is given (all interfaces, as `next start`)", () => {
    const [, args] = serverCommand(3000, undefined, [], "/srv/annex");
    expect(args).not.toContain("--hostname");
    expect(args.slice(-2)).toEqual(["--port", "3000"]);
  });
});
