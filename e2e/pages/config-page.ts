import { expect, type Locator, type Page } from "@playwright/test";

/** The config editor, as a user sees it. */
export class ConfigPage {
  readonly editor: Locator;
  readonly problems: Locator;
  readonly summary: Locator;
  readonly saveButton: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByRole("textbox", { name: "Config file (YAML)" });
    this.problems = page.getByRole("list", { name: "Problems" });
    this.summary = page.getByTestId("config-summary");
    this.saveButton = page.getByRole("button", { name: "Save" });
  }

  async open() {
    await this.page.goto("/config");
    await expect(this.editor).toBeVisible();
  }

  async createDefaultConfig() {
    await this.page.getByRole("button", { name: "Create default config" }).click();
    await expect(this.page.getByRole("status")).toContainText("Created a default config");
  }

  async replaceText(text: string) {
    await this.editor.fill(text);
  }

  async gutterLine(line: number) {
    return this.page.locator(`[aria-hidden="true"] > div:nth-child(${line})`);
  }
}
