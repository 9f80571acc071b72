import { buildCli } from "../../scripts/build-cli.mjs";
import { pingDocker } from "../../scripts/test-prerequisites.mjs";

/**
 * Integration tests talk to real things: the Docker engine must answer, or the tier fails
 * here with the reason instead of each test timing out on its own.
 */
export default async function setup() {
  const problem = await pingDocker();
  if (problem) throw new Error(`Integration tests need a Docker engine: ${problem}`);
  // The tests run the compiled `mycelium` CLI: a run of this tier alone must not test an old build.
  await buildCli({ ifStale: true });
}
