import { describe, expect, it } from "vitest";
import { deployAnnouncement, deployFollowNotice, type DeployFollowing } from "./deploy-follow-notice";
import type { DeploySummary } from "./deploy-types";

const session = { project: "p" } as DeploySummary;
const following = (overrides: Partial<DeployFollowing>): DeployFollowing => ({
  connection: "open",
  session,
  origin: "started",
  live: true,
  ...overrides,
});

describe("deployFollowNotice", () => {
  it("says nothing while following the deploy this page started", () => {
    expect(deployFollowNotice(following({}))).toBeNull();
    expect(deployFollowNotice(following({ connection: "ended", live: false }))).toBeNull();
  });

  it("reports a lost stream before anything else", () => {
    expect(deployFollowNotice(following({ connection: "lost", session: null, origin: "conflict" }))).toMatchObject({
      tone: "error",
      message: "Could not follow the deploy: the dashboard refused or dropped the event stream.",
    });
  });

  it("tells a refused start apart from no deploy at all", () => {
    expect(deployFollowNotice(following({ session: null, origin: "conflict", live: false }))).toMatchObject({
      tone: "warning",
      hint: "The stack status below shows its containers as they come up.",
    });
    expect(deployFollowNotice(following({ session: null, origin: null, live: false }))).toMatchObject({
      tone: "info",
      message: "No deploy has run since the dashboard started.",
    });
  });

  it("shows the last deploy made from here when another process holds the lock", () => {
    expect(deployFollowNotice(following({ origin: "conflict", live: false }))?.message).toMatch(
      /below is the last deploy made from here\.$/,
    );
  });

  it("says it joined a deploy already running", () => {
    expect(deployFollowNotice(following({ origin: null }))).toEqual({
      tone: "info",
      message: "A deploy is already running; following it.",
    });
    expect(deployFollowNotice(following({ origin: "conflict" }))).toEqual({
      tone: "info",
      message: "A deploy is already running; following it.",
    });
  });

  it("warns while reconnecting", () => {
    expect(deployFollowNotice(following({ connection: "reconnecting" }))).toEqual({
      tone: "warning",
      message: "The connection to the deploy dropped; reconnecting…",
    });
  });
});

describe("deployAnnouncement", () => {
  const phases = [
    { phase: "detect" as const, message: "Checking the engine" },
    { phase: "images" as const, message: "Pulling images" },
  ];

  it("announces the latest phase, or nothing before the first", () => {
    expect(deployAnnouncement({ outcome: null, phases: [] })).toBe("");
    expect(deployAnnouncement({ outcome: null, phases })).toBe("Pulling images");
  });

  it("announces the outcome once the deploy ends", () => {
    expect(deployAnnouncement({ outcome: { type: "succeeded", message: "Deployed", durationMs: 1 }, phases })).toBe(
      "Deploy succeeded.",
    );
    expect(
      deployAnnouncement({
        outcome: { type: "failed", error: { code: "c", message: "m" }, service: null, logTail: [] },
        phases,
      }),
    ).toBe("Deploy failed.");
  });
});
