import { MyceliumError } from "../../lib/errors";

/** The MyceliumError `run` throws, for tests that check its code, message and hint; anything else fails. */
export function thrownRefusal(run: () => unknown): MyceliumError {
  try {
    run();
  } catch (error) {
    if (error instanceof MyceliumError) return error;
    throw error;
  }
  throw new Error("expected a MyceliumError");
}
