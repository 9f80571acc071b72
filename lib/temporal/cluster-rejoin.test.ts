import { describe, expect, it } from "vitest";
import { clusterRejoinFromLogs, describeClusterRejoin } from "./cluster-rejoin";

// Lines as the real 1.22.0 server printed them, started 5 s after `mycelium deploy down`.
const bootstrap = (hostPorts: string) =>
  JSON.stringify({
    level: "info",
    ts: "2026-12-07T19:14:26.072Z",
    msg: "bootstrap hosts fetched",
    "bootstrap-hostports": hostPorts,
  });
const retry = JSON.stringify({
  level: "warn",
  msg: "unable to bootstrap ringpop. retrying",
  error: "join duration of 36.51862377s exceeded max 30s",
});
const OWN = ["172.21.0.3"];

describe("clusterRejoinFromLogs", () => {
  it("names the members of the last run that the new server tries to join", () => {
    const lines = [
      "2026/12/07 19:14:25 Loading config files=[config/docker.yaml]",
      bootstrap("172.20.0.3:6934,172.20.0.3:6935,172.21.0.3:6933"),
      bootstrap("172.21.0.3:6933,172.20.0.3:6934,172.20.0.3:6939,172.21.0.3:6935"),
    ];
    expect(clusterRejoinFromLogs(lines, OWN)).toEqual({ lostMembers: ["172.20.0.3"], retrying: false });
  });

  it("notices that a join attempt ran out and the server retries", () => {
    expect(clusterRejoinFromLogs([bootstrap("172.20.0.3:6934,172.21.0.3:6933"), retry], OWN)?.retrying).toBe(true);
  });

  it("has nothing to say when every bootstrap host is the server itself", () => {
    expect(clusterRejoinFromLogs([bootstrap("172.21.0.3:6933,172.21.0.3:6934")], OWN)).toBeNull();
  });

  it("goes by the latest bootstrap: members seen earlier and gone since are not waited for", () => {
    const lines = [bootstrap("172.20.0.3:6934,172.21.0.3:6933"), bootstrap("172.21.0.3:6933,172.21.0.3:6934")];
    expect(clusterRejoinFromLogs(lines, OWN)).toBeNull();
  });

  it("ignores lines that are not its records, and malformed JSON", () => {
    expect(clusterRejoinFromLogs(["{not json", "bootstrap hosts fetched 172.20.0.3:6934", "{}"], OWN)).toBeNull();
  });

  it("says in words what the wait is and that it ends by itself", () => {
    const text = describeClusterRejoin({ lostMembers: ["172.20.0.3"], retrying: false });
    expect(text).toContain("172.20.0.3, a member its previous run left");
    expect(text).toContain("cluster_membership");
    expect(text).toContain("up to 30 s");
    expect(describeClusterRejoin({ lostMembers: ["172.20.0.3", "172.20.0.4"], retrying: true })).toContain(
      "172.20.0.3, 172.20.0.4, members its previous run left",
    );
  });
});
