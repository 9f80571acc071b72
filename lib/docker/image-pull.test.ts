import { describe, expect, it } from "vitest";
import { pullEventLayer } from "./image-pull";

describe("pullEventLayer", () => {
  it("reads the layer of a layer's progress, and none from the image's own lines", () => {
    expect(pullEventLayer({ id: "15.3", status: "Pulling from library/postgres" })).toBeNull();
    expect(pullEventLayer({ id: "a3ed95caeb02", status: "Downloading" })).toBe("a3ed95caeb02");
    expect(pullEventLayer({ id: "a3ed95caeb02", status: "Pull complete" })).toBe("a3ed95caeb02");
    expect(pullEventLayer({ status: "Digest: sha256:0123" })).toBeNull();
    expect(pullEventLayer({ status: "Status: Downloaded newer image for postgres:15.3" })).toBeNull();
  });
});
