/**
 * `expect(answer).toHaveStatus(400)`: an HTTP status assertion that, when it fails, prints the
 * body the server answered with — the error code and message that say why, instead of a bare
 * "expected 503 to be 400". Registered for the integration tests by vitest.config.ts
 * (setupFiles). `answer` is what `callApi` returns, or a fetch Response read with
 * `readResponse` / `readStreamStatus` (./http-answer): a Response itself is refused, because its
 * body can no longer be shown once the test has read it, nor read here without taking it away.
 */
import { expect } from "vitest";
import { isHttpAnswer, showBody } from "./http-answer";

declare module "vitest" {
  // The type parameter must read exactly as vitest declares it for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> {
    /** The answer's HTTP status is `status`; on failure the message shows the body. */
    toHaveStatus(status: number): T;
  }
}

expect.extend({
  toHaveStatus(received: unknown, expected: number) {
    if (typeof Response !== "undefined" && received instanceof Response) {
      return {
        pass: this.isNot, // fails with and without .not: the assertion cannot be made as written
        message: () =>
          `toHaveStatus needs the body to show on failure: pass \`await readResponse(response)\` (or ` +
          `\`await readStreamStatus(response)\` for a stream), not the Response (status ${received.status})`,
      };
    }
    if (!isHttpAnswer(received)) {
      return {
        pass: this.isNot,
        message: () =>
          `toHaveStatus expects { status: number, text: string } (callApi's ` +
          `answer, or readResponse's), got ${this.utils.printReceived(received)}`,
      };
    }
    const pass = received.status === expected;
    return {
      pass,
      message: () =>
        pass
          ? `expected an HTTP status other than ${expected}; the server ` +
            `answered ${received.status} with:\n${showBody(received.text)}`
          : `expected HTTP status ${expected}, the server answered ` +
            `${received.status} with:\n${showBody(received.text)}`,
    };
  },
});
