/**
 * An HTTP answer read to the end, so that a failed status assertion can show what the server
 * said (`expect(answer).toHaveStatus(400)`, see ./http-status-matcher). `callApi` returns one;
 * a plain `fetch` Response becomes one through `readResponse`.
 */
export interface HttpAnswer {
  status: number;
  /** The body as the server sent it ("" when it sent none). */
  text: string;
}

/** A fetch answer read to the end; `json()` parses the text that was read (once read, a Response's body is gone). */
export interface ReadResponse extends HttpAnswer {
  headers: Headers;
  json<T = unknown>(): T;
}

/** The largest part of a body a failure message shows. */
const SHOWN_BODY_CHARS = 8_000;

/** Read a fetch Response's body to the end; assert on the result with `toHaveStatus`. */
export async function readResponse(response: Response): Promise<ReadResponse> {
  const text = await response.text();
  return {
    status: response.status,
    text,
    headers: response.headers,
    json<T>(): T {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new Error(
          `${response.url || "The server"} answered ${response.status} ` +
            `with a body that is not JSON:\n${showBody(text)}`,
        );
      }
    },
  };
}

/**
 * The status of an answer whose body the test goes on to read as a stream (server-sent events,
 * a flood of log lines). A 2xx answer is left unread, so its text only says so; any other
 * answer is an error, not a stream: it is read to the end so that a failure shows it.
 */
export async function readStreamStatus(response: Response): Promise<HttpAnswer> {
  if (response.ok)
    return {
      status: response.status,
      text: `(not read: a ${response.headers.get("content-type") ?? "stream"} body the test reads itself)`,
    };
  return { status: response.status, text: await response.text() };
}

/** A body as a failure message shows it: JSON indented, anything long cut short (and said so). */
export function showBody(text: string): string {
  if (text === "") return "(empty body)";
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: shown as sent
  }
  if (shown.length <= SHOWN_BODY_CHARS) return shown;
  return `${shown.slice(0, SHOWN_BODY_CHARS)}\n… (${shown.length - SHOWN_BODY_CHARS} more characters)`;
}

/** Whether `value` carries what `toHaveStatus` needs: a numeric status and the body's text. */
export function isHttpAnswer(value: unknown): value is HttpAnswer {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { status?: unknown }).status === "number" &&
    typeof (value as { text?: unknown }).text === "string"
  );
}
