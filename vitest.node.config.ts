// Tests of the Node/Bun side: migrations, the embedded database, the dev start-up script.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "node",
    include: ["test/node/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
