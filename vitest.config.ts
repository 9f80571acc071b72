import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// tsconfig's "@/*" path: components import lib through it.
const projectRoot = fileURLToPath(new URL("./", import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: [{ find: /^@\//, replacement: projectRoot }] },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "bin/**/*.test.ts", "components/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          globalSetup: ["test/integration/global-setup.ts"],
          // expect(answer).toHaveStatus(n): a failed HTTP status assertion shows the body.
          setupFiles: ["test/support/http-status-matcher.ts"],
        },
      },
    ],
  },
});
