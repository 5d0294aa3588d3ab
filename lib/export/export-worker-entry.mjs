// Entry of an export worker thread: the worker's TypeScript is loaded through
// tsx (a dependency of the project), so that the worker runs the very modules
// the rest of the application runs, in development, production and tests.
import { register } from "tsx/esm/api";

register();
await import("./export-worker.ts");
