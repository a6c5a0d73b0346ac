// `bun src/main.ts`: the session-host process. Configuration problems stop it at once with the list of them.
import { parseEnv } from "./config/env";
import { startHost } from "./host";

let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv(process.env);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const host = await startHost(env);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void host.stop().finally(() => process.exit(0));
  });
