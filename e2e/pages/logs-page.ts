import { expect, type Locator, type Page } from "@playwright/test";

/** The log viewer, as a user sees it. */
export class LogsPage {
  readonly scroller: Locator;
  readonly rows: Locator;
  readonly filter: Locator;
  readonly regex: Locator;
  readonly stdout: Locator;
  readonly stderr: Locator;
  readonly timestamps: Locator;
  readonly wrap: Locator;
  readonly connection: Locator;
  readonly jumpToLatest: Locator;
  readonly downloadButton: Locator;

  constructor(readonly page: Page) {
    this.scroller = page.getByTestId("log-scroller");
    this.rows = page.getByTestId("log-row");
    this.filter = page.getByRole("searchbox", { name: "Filter lines" });
    this.regex = page.getByRole("checkbox", { name: "Regex" });
    const streams = page.getByRole("group", { name: "Streams" });
    this.stdout = streams.getByRole("checkbox", { name: "stdout" });
    this.stderr = streams.getByRole("checkbox", { name: "stderr" });
    this.timestamps = page.getByRole("checkbox", { name: "Timestamps" });
    this.wrap = page.getByRole("checkbox", { name: "Wrap" });
    this.connection = page.getByRole("status", { name: "Connection" });
    this.jumpToLatest = page.getByRole("button", { name: /^Jump to latest/ });
    this.downloadButton = page.getByRole("button", { name: "Download" });
  }

  async open() {
    await this.page.goto("/logs");
    await expect(this.connection).toHaveText("Live", { timeout: 15_000 });
  }

  service(name: string): Locator {
    return this.page.getByRole("group", { name: "Services" }).getByRole("checkbox", { name, exact: true });
  }

  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text });
  }

  /** The texts of the rows in the DOM (the window around the view, not the whole buffer). */
  async renderedTexts(): Promise<string[]> {
    return this.page.getByTestId("log-text").allTextContents();
  }

  async scrollBy(pixels: number) {
    await this.scroller.hover();
    await this.page.mouse.wheel(0, pixels);
  }

  async scrollToBottom() {
    await this.scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  }
}
