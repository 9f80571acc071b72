import { status } from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { MyceliumError } from "../errors";
import { namespaceError, registerNamespace } from "./namespaces";
import type { Connection } from "@temporalio/client";

const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details });

describe("namespaceError", () => {
  it("maps the server's refusals to the product's errors", () => {
    expect(namespaceError(grpcError(status.ALREADY_EXISTS, "Namespace already exists."), "default")).toMatchObject({
      code: "conflict:namespace_exists",
      status: 409,
      message: "Namespace default already exists.",
    });
    expect(
      namespaceError(grpcError(status.INVALID_ARGUMENT, "A valid retention period is not set on request."), "x"),
    ).toMatchObject({
      code: "bad_request:namespace_retention",
      status: 400,
    });
    expect(namespaceError(grpcError(status.INVALID_ARGUMENT, "Namespace length exceeds limit."), "x").code).toBe(
      "bad_request:namespace_invalid",
    );
    expect(namespaceError(grpcError(status.NOT_FOUND, "Namespace x is not found."), "x")).toMatchObject({
      status: 404,
      message: "Namespace x is not found.",
    });
    expect(namespaceError(grpcError(status.UNAVAILABLE, "No connection established"), "x")).toMatchObject({
      code: "unavailable:temporal",
      status: 503,
    });
    expect(namespaceError(grpcError(status.DEADLINE_EXCEEDED, "Deadline exceeded"), "x").status).toBe(503);
  });
});

describe("registerNamespace", () => {
  it("refuses a retention under one hour and an empty name without calling the server", async () => {
    const connection = {} as Connection; // any call on it would throw
    await expect(registerNamespace(connection, { name: "short", retentionHours: 0.5 })).rejects.toMatchObject({
      code: "bad_request:namespace_retention",
      status: 400,
    });
    await expect(registerNamespace(connection, { name: "  ", retentionHours: 24 })).rejects.toBeInstanceOf(
      MyceliumError,
    );
  });
});
