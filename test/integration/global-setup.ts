import type { TestProject } from "vitest/node";
import { pingDocker } from "../../scripts/test-prerequisites.mjs";

/**
 * Integration tests talk to real things: the Docker engine must answer, or the tier fails
 * here with the reason instead of each test timing out on its own.
 */
export default async function setup(_project: TestProject) {
  const problem = await pingDocker();
  if (problem) throw new Error(`Integration tests need a Docker engine: ${problem}`);
}
