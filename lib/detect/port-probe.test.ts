import { createServer as createHttpServer } from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { classifyGreeting, probePort } from "./port-probe";

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

function listen(server: net.Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)),
  );
}

describe("classifyGreeting", () => {
  it("recognises PostgreSQL's one-byte SSL answer", () => {
    expect(classifyGreeting(Buffer.from("N")).protocol).toBe("postgres");
    expect(classifyGreeting(Buffer.from("S")).protocol).toBe("postgres");
  });
  it("recognises HTTP/1 and names the server", () => {
    expect(classifyGreeting(Buffer.from("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n"))).toEqual({
      protocol: "http",
      description: "an HTTP server (nginx)",
    });
  });
  it("recognises an HTTP/2 SETTINGS frame", () => {
    expect(classifyGreeting(Buffer.from([0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 100])).protocol).toBe("http2");
  });
});

describe("probePort (real sockets on loopback)", () => {
  it("reports a free port", async () => {
    const port = await listen(net.createServer());
    servers.pop()!.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await probePort("127.0.0.1", port)).toMatchObject({ open: false, protocol: null });
  });

  it("identifies an HTTP server", async () => {
    const port = await listen(createHttpServer((_, res) => res.end("ok")));
    expect(await probePort("127.0.0.1", port)).toMatchObject({ open: true, protocol: "http" });
  });

  it("identifies a server that answers the SSLRequest like PostgreSQL", async () => {
    const port = await listen(net.createServer((socket) => socket.once("data", () => socket.write("N"))));
    expect(await probePort("127.0.0.1", port)).toMatchObject({ open: true, protocol: "postgres" });
  });

  it("identifies a gRPC server that answers only after the HTTP/2 preface, as Go's does", async () => {
    const settings = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]);
    const port = await listen(
      net.createServer((socket) => {
        let received = Buffer.alloc(0);
        socket.on("data", (chunk: Buffer) => {
          received = Buffer.concat([received, chunk]);
          if (received.length < 24) return;
          if (received.subarray(0, 24).toString("latin1") === "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
            socket.write(settings);
          else socket.destroy();
        });
      }),
    );
    expect(await probePort("127.0.0.1", port, 150)).toMatchObject({ open: true, protocol: "http2" });
  });

  it("calls a silent listener unknown", async () => {
    const port = await listen(net.createServer(() => undefined));
    expect(await probePort("127.0.0.1", port, 150)).toMatchObject({ open: true, protocol: "unknown" });
  });
});
