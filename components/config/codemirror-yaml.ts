import { autocompletion, completionKeymap, type Completion, type CompletionSource } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { HighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { EditorState, Transaction } from "@codemirror/state";
import {
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  hoverTooltip,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { completeConfigAt, describeConfigKeyAt, formatFieldSummary } from "@/lib/config/config-completion";
import type { FieldReference } from "@/lib/config/field-reference";
import type { Finding } from "@/lib/config/findings";
import { findingSpan } from "@/lib/config/yaml-cursor";

/**
 * The config editor proper: CodeMirror 6 with YAML highlighting, the server's findings as
 * lint marks, completion and hover docs from the field reference. Loaded on demand by
 * yaml-editor.tsx so that none of it is in a page's first-load JavaScript.
 */

export interface YamlEditorOptions {
  text: string;
  label: string;
  /** Id of the text that lists the editor's keys. */
  describedBy: string;
  reference: readonly FieldReference[];
  onChange(text: string): void;
  onCaretLine(line: number): void;
  onSave(): void;
}

export interface YamlEditorView {
  readonly view: EditorView;
  setText(text: string): void;
  setFindings(findings: readonly Finding[]): void;
  goTo(line: number, column?: number): void;
  destroy(): void;
}

// Colours come from CSS variables that the wrapper sets with Tailwind's light and dark classes.
const highlightStyle = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: "var(--cm-key)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--cm-string)" },
  { tag: tags.content, color: "var(--cm-value)" },
  { tag: tags.lineComment, color: "var(--cm-comment)", fontStyle: "italic" },
  { tag: [tags.labelName, tags.typeName, tags.meta, tags.keyword], color: "var(--cm-meta)" },
]);

const theme = EditorView.theme({
  "&": { height: "28rem", fontSize: "13px", backgroundColor: "transparent", color: "inherit" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "20px" },
  ".cm-gutters": {
    backgroundColor: "var(--cm-gutter)",
    color: "var(--cm-muted)",
    borderRight: "1px solid var(--cm-border)",
  },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--cm-active)" },
  ".cm-content": { caretColor: "currentColor" },
  ".cm-cursor": { borderLeftColor: "currentColor" },
  ".cm-tooltip, .cm-panels": { backgroundColor: "var(--cm-panel)", color: "inherit", borderColor: "var(--cm-border)" },
  ".cm-tooltip.cm-tooltip-hover, .cm-tooltip-lint": { maxWidth: "28rem", padding: "4px 8px" },
  ".cm-field-doc code, .cm-diagnosticText code": {
    fontFamily: "inherit",
    padding: "0 2px",
    background: "var(--cm-active)",
  },
});

/** Text with `quoted` spans as <code>, for the hover docs and the lint messages. */
function richText(text: string, className = ""): HTMLElement {
  const element = document.createElement("div");
  element.className = className;
  text.split(/(`[^`]+`)/g).forEach((part, index) => {
    const node = index % 2 === 1 ? document.createElement("code") : document.createElement("span");
    node.textContent = index % 2 === 1 ? part.slice(1, -1) : part;
    element.append(node);
  });
  return element;
}

function fieldDocs(field: FieldReference): HTMLElement {
  const dom = document.createElement("div");
  dom.className = "cm-field-doc";
  const summary = document.createElement("div");
  summary.style.fontWeight = "600";
  summary.textContent = formatFieldSummary(field);
  dom.append(summary, richText(field.description));
  return dom;
}

function completionSource(reference: readonly FieldReference[]): CompletionSource {
  return (context) => {
    const result = completeConfigAt(reference, context.state.doc.toString(), context.pos);
    // Unprompted, only once something is typed; Ctrl-Space asks on an empty line too.
    if (!result || (!context.explicit && result.from === context.pos)) return null;
    const options = result.options.map((option): Completion => ({
      label: option.label,
      apply: option.apply,
      detail: option.detail,
      type: option.kind === "key" ? "property" : "enum",
      info: option.description ? () => richText(option.description) : undefined,
    }));
    return { from: result.from, options, validFor: /^[\w."-]*$/ };
  };
}

function fieldHover(reference: readonly FieldReference[]) {
  return hoverTooltip((view, pos) => {
    const doc = describeConfigKeyAt(reference, view.state.doc.toString(), pos);
    if (!doc || pos < doc.from) return null;
    const end = view.state.doc.lineAt(pos).to;
    return { pos: doc.from, end, above: true, create: () => ({ dom: fieldDocs(doc.field) }) };
  });
}

export function createYamlEditor(parent: HTMLElement, options: YamlEditorOptions): YamlEditorView {
  let applyingExternalText = false;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        indentOnInput(),
        yaml(),
        syntaxHighlighting(highlightStyle),
        search({ top: true }),
        highlightSelectionMatches(),
        autocompletion({ override: [completionSource(options.reference)], icons: false }),
        lintGutter(),
        fieldHover(options.reference),
        keymap.of([
          { key: "Mod-s", run: () => (options.onSave(), true), preventDefault: true },
          ...completionKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...lintKeymap,
          ...defaultKeymap,
          // Tab indents (YAML has no tabs: two spaces); Escape then Tab leaves the editor.
          indentWithTab,
        ]),
        EditorView.darkTheme.of(window.matchMedia("(prefers-color-scheme: dark)").matches),
        theme,
        EditorView.contentAttributes.of({
          "aria-label": options.label,
          "aria-describedby": options.describedBy,
          // Focusable already (contenteditable); said explicitly so that checkers see the scroller's focusable content.
          tabindex: "0",
          spellcheck: "false",
          autocapitalize: "off",
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !applyingExternalText) options.onChange(update.state.doc.toString());
          if (update.docChanged || update.selectionSet) {
            options.onCaretLine(update.state.doc.lineAt(update.state.selection.main.head).number);
          }
        }),
      ],
    }),
  });

  return {
    view,
    setText(text) {
      if (text === view.state.doc.toString()) return;
      applyingExternalText = true;
      // The file as loaded or saved: not an edit that undo would take back.
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        annotations: Transaction.addToHistory.of(false),
      });
      applyingExternalText = false;
    },
    setFindings(findings) {
      const text = view.state.doc.toString();
      const diagnostics = findings
        .filter((finding) => finding.line !== undefined)
        .map((finding): Diagnostic => ({
          ...findingSpan(text, finding.line!, finding.column),
          severity: finding.severity,
          message: `${finding.message} (fix: ${finding.fix})`,
          renderMessage: () => {
            const dom = richText(finding.message);
            dom.append(richText(`Fix: ${finding.fix}`));
            return dom;
          },
        }));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goTo(line, column = 1) {
      const target = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
      const anchor = Math.min(target.from + column - 1, target.to);
      view.dispatch({ selection: { anchor }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
