import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { interpretPingReply, pingRedis } from "./redis-ping";

const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A listener that answers every request with `reply` (a stand-in for Redis's first line). */
async function listener(reply: string): Promise<number> {
  const server = net.createServer((socket) => socket.once("data", () => socket.end(reply)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

describe("interpretPingReply", () => {
  it("accepts +PONG only", () => {
    expect(interpretPingReply("+PONG").ok).toBe(true);
    expect(interpretPingReply("-NOAUTH Authentication required.")).toMatchObject({
      ok: false,
      reason: "Redis requires a password (NOAUTH)",
    });
    expect(interpretPingReply("HTTP/1.1 400 Bad Request")).toMatchObject({ ok: false });
  });
});

describe("pingRedis", () => {
  it("sends PING over a raw socket and reads the answer", async () => {
    expect(await pingRedis("127.0.0.1", await listener("+PONG\r\n"), 500)).toEqual({ ok: true, reply: "+PONG" });
    expect((await pingRedis("127.0.0.1", await listener("-NOAUTH Authentication required.\r\n"), 500)).ok).toBe(false);
  });
  it("reports a closed port", async () => {
    const port = await listener("");
    servers.splice(0).forEach((s) => s.close());
    const result = await pingRedis("127.0.0.1", port, 500);
    expect(result).toMatchObject({ ok: false, reason: "ECONNREFUSED" });
  });
});
