import type { Connection } from "@temporalio/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MyceliumError } from "../../lib/errors";
import { describeNamespace, listNamespaces, registerNamespace } from "../../lib/temporal/namespaces";
import { openTemporalConnection } from "../../lib/temporal/temporal-connection";
import { startValidationStack, type ValidationStack } from "../support/validation-stack";

/**
 * The guide's "Custom Temporal Namespaces" (`tctl namespace register / list`) against the real Temporal 1.22 server.
 */

let stack: ValidationStack;
let connection: Connection;

beforeAll(async () => {
  stack = await startValidationStack();
  connection = openTemporalConnection(`127.0.0.1:${stack.ports.temporal}`);
});

afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

async function refusal(promise: Promise<unknown>): Promise<MyceliumError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MyceliumError);
  return error as MyceliumError;
}

describe("namespaces", () => {
  it("lists the namespaces the server has: the system one and the default one", async () => {
    const names = (await listNamespaces(connection)).map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(["default", "temporal-system"]));
  });

  it("registers a namespace with its retention and description, and lists it", async () => {
    await registerNamespace(connection, { name: "production", retentionHours: 72, description: "Orders and payments" });
    const production = (await listNamespaces(connection)).find((n) => n.name === "production");
    expect(production).toMatchObject({
      name: "production",
      state: "registered",
      retentionHours: 72,
      description: "Orders and payments",
      isGlobal: false,
    });
    expect((await describeNamespace(connection, "production")).id).toBe(production?.id);
    const stored = await stack.connect();
    try {
      expect((await stored.query("SELECT name FROM namespaces WHERE name = 'production'")).rowCount).toBe(1);
    } finally {
      await stored.end();
    }
  });

  it("answers 409 for a namespace that exists", async () => {
    const error = await refusal(registerNamespace(connection, { name: "default", retentionHours: 24 }));
    expect(error).toMatchObject({
      code: "conflict:namespace_exists",
      status: 409,
      message: "Namespace default already exists.",
      detail: "ALREADY_EXISTS: Namespace already exists.",
    });
  });

  it("refuses a retention under one hour before calling the server, with 400", async () => {
    const error = await refusal(registerNamespace(connection, { name: "too-short", retentionHours: 0.5 }));
    expect(error).toMatchObject({ code: "bad_request:namespace_retention", status: 400 });
    expect((await listNamespaces(connection)).some((n) => n.name === "too-short")).toBe(false);
  });

  it("maps an unknown namespace to 404 with the server's sentence", async () => {
    const error = await refusal(describeNamespace(connection, "nowhere"));
    expect(error).toMatchObject({
      code: "not_found:namespace",
      status: 404,
      message: "Namespace nowhere is not found.",
    });
  });

  it("says Temporal is unavailable (503) when nothing answers", async () => {
    const dead = openTemporalConnection("127.0.0.1:1");
    try {
      const error = await refusal(listNamespaces(dead, { timeoutMs: 500 }));
      expect(error).toMatchObject({ code: "unavailable:temporal", status: 503 });
    } finally {
      await dead.close();
    }
  });
});
