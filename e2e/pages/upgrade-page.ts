import { expect, type Locator, type Page } from "@playwright/test";

/** The Upgrade Temporal page, as a user sees it. */
export class UpgradePage {
  readonly current: Locator;
  readonly target: Locator;
  readonly plan: Locator;
  readonly progress: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.current = page.getByTestId("upgrade-current");
    this.target = page.getByLabel("Upgrade to");
    this.plan = page.getByTestId("upgrade-plan");
    this.progress = page.getByTestId("upgrade-progress");
    this.history = page.getByRole("region", { name: "Past upgrades" });
  }

  async expectOpen() {
    await expect(this.page).toHaveURL(/\/upgrade$/);
    await expect(this.page.getByRole("heading", { name: "Upgrade Temporal", level: 1 })).toBeVisible();
  }

  planStep(version: string): Locator {
    return this.plan.getByTestId(`plan-step-${version}`);
  }

  startButton(version: string): Locator {
    return this.page.getByRole("button", { name: `Upgrade to Temporal ${version}` });
  }

  step(number: number): Locator {
    return this.progress.getByTestId(`upgrade-step-${number}`);
  }

  /** The success banner: the runner's own sentence. */
  succeeded(version: string): Locator {
    return this.progress.getByRole("status").filter({ hasText: `✓ Temporal ${version} runs and is healthy` });
  }

  failure(): Locator {
    return this.progress.getByTestId("upgrade-failure");
  }
}
