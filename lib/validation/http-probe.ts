import http from "node:http";

export interface HttpProbeResponse {
  status: number;
  /** At most `maxBytes` of the body, as text. */
  body: string;
}

/**
 * One GET with its own deadline. Uses node:http without an agent: a probe must not leave a
 * kept-alive socket behind, and the global fetch's first call costs more than the check.
 */
export function httpGet(
  url: string,
  timeoutMs: number,
  signal?: AbortSignal,
  maxBytes = 64 * 1024,
): Promise<HttpProbeResponse> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      { agent: false, headers: { connection: "close", accept: "application/json" }, signal },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < maxBytes) chunks.push(chunk.subarray(0, maxBytes - size));
          size += chunk.length;
        });
        response.once("end", () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
        });
        response.once("error", (error) => {
          clearTimeout(timer);
          reject(error);
        });
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no HTTP answer within ${timeoutMs} ms`)), timeoutMs);
    request.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
