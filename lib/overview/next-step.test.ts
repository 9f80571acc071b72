import { describe, expect, it } from "vitest";
import { chooseNextStep, type OverviewFacts } from "./next-step";

const healthy: OverviewFacts = {
  configExists: true,
  configValid: true,
  engineError: null,
  deployRunning: false,
  deployed: true,
  troubledServices: [],
  lastValidation: { status: "healthy", rootCause: null },
};

describe("chooseNextStep", () => {
  it("leads a newcomer into setup first", () => {
    expect(chooseNextStep({ ...healthy, configExists: false, configValid: false, deployed: false }).kind).toBe(
      "create-config",
    );
  });
  it("puts config errors before everything that needs a config", () => {
    expect(
      chooseNextStep({ ...healthy, configValid: false, engineError: { message: "Docker is not running" } }).kind,
    ).toBe("fix-config");
  });
  it("says Docker is not running, with its hint", () => {
    const step = chooseNextStep({
      ...healthy,
      engineError: { message: "Docker is not running: no socket.", hint: "Start it" },
    });
    expect(step).toMatchObject({
      kind: "start-docker",
      title: "Docker is not running: no socket.",
      description: "Start it",
    });
  });
  it("follows a running deploy, then offers the first deploy", () => {
    expect(chooseNextStep({ ...healthy, deployRunning: true }).kind).toBe("watch-deploy");
    expect(chooseNextStep({ ...healthy, deployed: false }).kind).toBe("deploy");
  });
  it("names the unhealthy services", () => {
    expect(chooseNextStep({ ...healthy, troubledServices: ["temporal"] }).title).toBe("temporal is not healthy");
  });
  it("asks for a first health report, then reports its verdict", () => {
    expect(chooseNextStep({ ...healthy, lastValidation: null }).kind).toBe("validate");
    expect(
      chooseNextStep({
        ...healthy,
        lastValidation: { status: "unhealthy", rootCause: "PostgreSQL refuses the password" },
      }),
    ).toMatchObject({
      kind: "fix-stack",
      title: "PostgreSQL refuses the password",
    });
    expect(
      chooseNextStep({ ...healthy, lastValidation: { status: "degraded", rootCause: "The UI is down" } }).tone,
    ).toBe("warning");
    expect(chooseNextStep(healthy)).toMatchObject({ kind: "all-good", tone: "success" });
  });
});
