import { expect, type Locator, type Page } from "@playwright/test";

/** The config editor, as a user sees it. */
export class ConfigPage {
  /** The CodeMirror editor's content (a textbox); a textarea until CodeMirror has loaded. */
  readonly editor: Locator;
  readonly problems: Locator;
  readonly summary: Locator;
  readonly summaryBox: Locator;
  readonly saveButton: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByRole("textbox", { name: "Config file (YAML)" });
    this.problems = page.getByRole("list", { name: "Problems" });
    this.summary = page.getByTestId("config-summary");
    this.summaryBox = page.getByRole("complementary", { name: "Summary" });
    this.saveButton = page.getByRole("button", { name: "Save" });
  }

  /** Opens the page and waits for CodeMirror (the fallback textarea has no `.cm-content`). */
  async open() {
    await this.page.goto("/config");
    await expect(this.page.locator(".cm-content")).toBeVisible();
  }

  async createDefaultConfig() {
    await this.page.getByRole("button", { name: "Create default config" }).click();
    await expect(this.page.getByRole("status").filter({ hasText: "Created a default config" })).toBeVisible();
  }

  /** The editor's whole document, read from CodeMirror's state (lines out of view are not in the DOM). */
  async text(): Promise<string> {
    return (await this.readEditor(null)).text;
  }

  /** Replaces the whole text as a paste would: one edit, one undo step. */
  async replaceText(text: string) {
    await this.editor.focus();
    await this.page.keyboard.press("ControlOrMeta+a");
    await this.page.keyboard.insertText(text);
    await expect.poll(() => this.text()).toBe(text);
  }

  /** Moves the caret to the end of the document. */
  async caretToEnd() {
    await this.editor.focus();
    await this.page.keyboard.press("ControlOrMeta+End");
  }

  /** The 1-based lines that carry a lint mark of this severity, in document order. */
  async lintMarkLines(severity: "error" | "warning"): Promise<number[]> {
    return (await this.readEditor(`cm-lintRange-${severity}`)).markLines;
  }

  /**
   * The document and the lines of the marks with a class, from the EditorView behind
   * `.cm-content`, found as CodeMirror's own `EditorView.findFromDOM` finds it (the view
   * package is pinned: should that internal change, this fails here, loudly).
   */
  private readEditor(markClass: string | null): Promise<{ text: string; markLines: number[] }> {
    return this.page.locator(".cm-content").evaluate((content, markClass) => {
      interface View {
        state: { doc: { toString(): string; lineAt(pos: number): { number: number } } };
        posAtDOM(node: Node): number;
      }
      const view = (content as Element & { cmTile?: { root?: { view?: View } } }).cmTile?.root?.view;
      if (!view) throw new Error("no CodeMirror view on .cm-content");
      const marks = markClass ? [...content.querySelectorAll(`.${markClass}`)] : [];
      const markLines = [...new Set(marks.map((mark) => view.state.doc.lineAt(view.posAtDOM(mark)).number))];
      return { text: view.state.doc.toString(), markLines };
    }, markClass);
  }
}
