// Entry of the reader's worker thread: the worker itself is TypeScript, loaded
// through tsx (a dependency of the project) in the web server and the command
// line alike.
import { register } from "tsx/esm/api";

register();
await import("./table-file-worker.ts");
