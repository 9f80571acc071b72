import { describe, expect, it } from "vitest";
import { describeDown, describeStopped, listOrNone } from "./stack-status-model";

describe("listOrNone", () => {
  it("joins the items, or says none", () => {
    expect(listOrNone([])).toBe("none");
    expect(listOrNone(["a", "b"])).toBe("a, b");
  });
});

describe("describeStopped", () => {
  it("names the stopped containers, or says nothing was running", () => {
    expect(describeStopped(["p-postgres", "p-temporal"])).toBe("Stopped p-postgres, p-temporal.");
    expect(describeStopped([])).toBe("Nothing was running.");
  });
});

describe("describeDown", () => {
  it("counts the containers and says the data was kept", () => {
    expect(
      describeDown({ removedContainers: ["a"], removedNetwork: true, removedVolumes: [], keptVolumes: ["p_pgdata"] }),
    ).toBe("Removed 1 container, the network. Data kept in p_pgdata.");
  });

  it("names the volumes removed with the data", () => {
    expect(
      describeDown({
        removedContainers: ["a", "b"],
        removedNetwork: true,
        removedVolumes: ["p_pgdata", "p_es"],
        keptVolumes: [],
      }),
    ).toBe("Removed 2 containers, the network, and the volumes p_pgdata, p_es.");
  });

  it("says so when there was nothing to remove", () => {
    expect(describeDown({ removedContainers: [], removedNetwork: false, removedVolumes: [], keptVolumes: [] })).toBe(
      "Removed 0 containers.",
    );
  });
});
