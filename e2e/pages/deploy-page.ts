import { expect, type Locator, type Page } from "@playwright/test";

export type WizardStep = "engine" | "config" | "decisions" | "plan" | "deploy" | "done";

const STEP_LABELS: Record<WizardStep, string> = {
  engine: "Engine check",
  config: "Config review",
  decisions: "Detection & decisions",
  plan: "Plan review",
  deploy: "Deploy",
  done: "Done",
};

/** The deploy wizard, as a user sees it. */
export class DeployPage {
  readonly stepHeading: Locator;
  readonly stepper: Locator;
  readonly portConflicts: Locator;
  readonly deployButton: Locator;
  readonly statusPanel: Locator;
  readonly phases: Locator;
  readonly deployFailure: Locator;

  constructor(readonly page: Page) {
    this.stepHeading = page.locator("#step-heading");
    this.stepper = page.getByRole("navigation", { name: "Deploy steps" });
    this.portConflicts = page.getByRole("list", { name: "Port conflicts" });
    this.deployButton = page.getByRole("button", { name: "Deploy", exact: true });
    this.statusPanel = page.getByRole("region", { name: "Stack status" });
    this.phases = page.getByRole("list", { name: "Phases" });
    this.deployFailure = page.getByRole("alert").filter({ hasText: "Deploy failed" });
  }

  async open(step?: WizardStep) {
    await this.page.goto(step ? `/deploy?step=${step}` : "/deploy");
    await expect(this.stepHeading).toBeVisible();
  }

  /** A long `timeout` waits for the wizard to move there by itself (the end of a deploy). */
  async expectStep(step: WizardStep, { timeout }: { timeout?: number } = {}) {
    if (step !== "engine") await expect(this.page).toHaveURL(new RegExp(`[?&]step=${step}(&|$)`), { timeout });
    await expect(this.stepHeading).toContainText(STEP_LABELS[step]);
    await expect(this.stepper.getByRole("link", { name: new RegExp(STEP_LABELS[step]) })).toHaveAttribute(
      "aria-current",
      "step",
    );
  }

  /**
   * Wait until the followed deploy ends: on the Done step, or with its result shown. Fails with the error if it failed.
   */
  async waitForDeployEnd(timeout: number): Promise<"done" | "finished"> {
    const done = this.page.locator("#step-heading", { hasText: "Done" });
    const finished = this.page.getByRole("button", { name: "Continue" });
    await expect(done.or(finished).or(this.deployFailure)).toBeVisible({ timeout });
    if (await this.deployFailure.isVisible())
      throw new Error(`The deploy failed: ${await this.deployFailure.innerText()}`);
    return (await done.isVisible()) ? "done" : "finished";
  }

  /** The step's primary "Next: …" button. */
  async next(to: WizardStep) {
    await this.page.getByRole("button", { name: `Next: ${STEP_LABELS[to]}` }).click();
    await this.expectStep(to);
  }

  useProposedPort(port: number): Locator {
    return this.page.getByRole("button", { name: `Use port ${port} instead` });
  }

  fileTab(path: string): Locator {
    return this.page.getByRole("tab", { name: path });
  }

  get fileContent(): Locator {
    return this.page.getByRole("tabpanel");
  }

  phase(phase: string): Locator {
    return this.page.getByTestId(`phase-${phase}`);
  }

  health(service: string): Locator {
    return this.page.getByTestId(`health-${service}`);
  }

  doneContainer(service: string): Locator {
    return this.page.getByTestId(`done-${service}`);
  }

  statusRow(service: string): Locator {
    return this.statusPanel.getByTestId(`status-${service}`);
  }
}
