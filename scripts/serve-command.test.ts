// The production server's command line: Node's flags first (V8 reads them at
// start), then the server script, its port and host; the benchmark's extra
// diagnosis flags go with Node's, never after the script.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { serverCommand, serverNodeFlags, SERVER_NODE_FLAGS } from "./serve-command";

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;

describe("serverCommand", () => {
  it("runs scripts/serve.mjs with the server's Node flags before it", () => {
    const [node, args] = serverCommand(3001, "127.0.0.1", ["--cpu-prof"], "/srv/annex", env({}));
    expect(node).toBe(process.execPath);
    const script = args.indexOf(path.join("/srv/annex", "scripts/serve.mjs"));
    expect(script).toBeGreaterThan(0);
    expect(args.slice(0, script)).toEqual([...SERVER_NODE_FLAGS, "--cpu-prof"]);
    expect(args.slice(script + 1)).toEqual(["--port", "3001", "--hostname", "127.0.0.1"]);
  });

  it("leaves the host out when none is given (all interfaces, as `next start`)", () => {
    const [, args] = serverCommand(3000, undefined, [], "/srv/annex", env({}));
    expect(args).not.toContain("--hostname");
    expect(args.slice(-2)).toEqual(["--port", "3000"]);
  });
});

describe("serverNodeFlags", () => {
  it("sets a heap ceiling and a larger young generation", () => {
    expect(serverNodeFlags(env({}))).toEqual(["--max-old-space-size=1024", "--max-semi-space-size=32"]);
  });

  it("leaves a setting to NODE_OPTIONS when it gives one (the command line would otherwise win)", () => {
    expect(serverNodeFlags(env({ NODE_OPTIONS: "--max-old-space-size=2048" }))).toEqual(["--max-semi-space-size=32"]);
  });
});
