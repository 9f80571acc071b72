import { expect, type Locator, type Page } from "@playwright/test";

export type OverallStatus = "healthy" | "degraded" | "unhealthy";
export type GroupId = "postgres" | "temporal" | "ui" | "integration" | "redis" | "containers";

/** The health report page, as a user sees it. */
export class HealthPage {
  readonly overall: Locator;
  readonly overallLabel: Locator;
  readonly totalDuration: Locator;
  readonly runAgain: Locator;
  readonly rootCause: Locator;
  readonly fixButton: Locator;
  readonly fixProgress: Locator;
  readonly fixResult: Locator;
  readonly problem: Locator;
  readonly monitor: Locator;
  readonly monitorToggle: Locator;
  readonly monitorInterval: Locator;
  readonly monitorState: Locator;
  readonly timeline: Locator;
  readonly ticks: Locator;
  readonly namespaces: Locator;
  readonly namespaceName: Locator;
  readonly namespaceRetention: Locator;
  readonly namespaceDescription: Locator;
  readonly namespaceNotice: Locator;
  readonly retentionError: Locator;

  constructor(readonly page: Page) {
    this.overall = page.getByTestId("overall-status");
    this.overallLabel = page.getByTestId("overall-label");
    this.totalDuration = page.getByTestId("total-duration");
    this.runAgain = page.getByRole("button", { name: /^(Run again|Running…)$/ });
    this.rootCause = page.getByTestId("root-cause");
    this.fixButton = this.rootCause.getByTestId("fix-button");
    this.fixProgress = page.getByTestId("fix-progress");
    this.fixResult = page.getByTestId("fix-result");
    this.problem = page.getByTestId("report-problem");
    this.monitor = page.getByRole("region", { name: "Continuous monitoring" });
    this.monitorToggle = this.monitor.getByRole("switch", { name: "Monitor continuously" });
    this.monitorInterval = this.monitor.getByRole("combobox", { name: "Every" });
    this.monitorState = page.getByTestId("monitor-state");
    this.timeline = page.getByTestId("timeline");
    this.ticks = page.getByTestId("timeline-tick");
    this.namespaces = page.getByRole("region", { name: "Namespaces" });
    this.namespaceName = this.namespaces.getByLabel("Name", { exact: true });
    this.namespaceRetention = this.namespaces.getByLabel("Retention (hours)");
    this.namespaceDescription = this.namespaces.getByLabel(/^Description/);
    this.namespaceNotice = page.getByTestId("namespace-notice");
    this.retentionError = page.getByTestId("retention-error");
  }

  /** Open the page (optionally at an anchor); it runs the report by itself. */
  async open(hash = "") {
    await this.page.goto(`/health${hash}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Health report" })).toBeVisible();
  }

  /** Wait for a finished run with this overall status. */
  async expectStatus(status: OverallStatus, { timeout = 30_000 }: { timeout?: number } = {}) {
    await expect(this.overall).toHaveAttribute("data-status", status, { timeout });
    await expect(this.overall).toHaveAttribute("data-running", "false", { timeout });
  }

  group(id: GroupId): Locator {
    return this.page.getByTestId(`group-${id}`);
  }

  check(id: string): Locator {
    return this.page.getByTestId(`check-${id}`);
  }

  checkMessage(id: string): Locator {
    return this.check(id).getByTestId("check-message");
  }

  details(id: string): Locator {
    return this.check(id).getByRole("button", { name: /^Details of / });
  }

  diagnosis(id: string): Locator {
    return this.page.getByTestId(`diagnosis-${id}`);
  }

  namespaceRow(name: string): Locator {
    return this.namespaces.getByTestId(`namespace-${name}`);
  }

  async registerNamespace(name: string, retentionHours: string, description = "") {
    await this.namespaceName.fill(name);
    await this.namespaceRetention.fill(retentionHours);
    await this.namespaceDescription.fill(description);
    await this.namespaces.getByRole("button", { name: "Register" }).click();
  }

  /** How many runs of this project the timeline shows, once it has caught up with the latest run. */
  async settledRunCount(): Promise<number> {
    const startedAt = await this.overall.getAttribute("data-started-at");
    await expect(this.timeline).toHaveAttribute("data-newest", startedAt!);
    return Number(await this.timeline.getAttribute("data-count"));
  }
}
