"use client";

import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState } from "react";
import type { FieldReference } from "@/lib/config/field-reference";
import type { Finding } from "@/lib/config/findings";
import type { YamlEditorView } from "./codemirror-yaml";

export interface YamlEditorHandle {
  /** Put the caret at a 1-based line and column and scroll it into view. */
  goToLine(line: number, column?: number): void;
}

interface YamlEditorProps {
  value: string;
  onChange(value: string): void;
  onSave(): void;
  findings: readonly Finding[];
  reference: readonly FieldReference[];
  label: string;
}

type EditorModule = typeof import("./codemirror-yaml");

const FRAME =
  "overflow-hidden rounded-md border border-slate-300 bg-white focus-within:border-blue-500 " +
  "dark:border-slate-700 dark:bg-slate-900";

const FALLBACK =
  "code block h-[28rem] w-full resize-none whitespace-pre bg-transparent px-3 py-2 text-[13px] leading-5 outline-none";

// Light and dark colours of the editor (codemirror-yaml.ts reads them).
const EDITOR_COLOURS =
  "[--cm-key:#1d4ed8] [--cm-string:#047857] [--cm-value:#0f172a] [--cm-comment:#64748b] [--cm-meta:#7e22ce] " +
  "[--cm-muted:#475569] [--cm-gutter:#f8fafc] [--cm-border:#e2e8f0] [--cm-active:#f1f5f9] [--cm-panel:#ffffff] " +
  "dark:[--cm-key:#93c5fd] dark:[--cm-string:#6ee7b7] dark:[--cm-value:#f1f5f9] dark:[--cm-comment:#94a3b8] " +
  "dark:[--cm-meta:#d8b4fe] dark:[--cm-muted:#94a3b8] dark:[--cm-gutter:#020617] dark:[--cm-border:#1e293b] " +
  "dark:[--cm-active:#1e293b] dark:[--cm-panel:#0f172a]";

/**
 * The config's YAML in CodeMirror, loaded after the page (it is most of the page's weight);
 * meanwhile a plain textarea holds the same text and can be edited.
 */
export const YamlEditor = forwardRef<YamlEditorHandle, YamlEditorProps>(function YamlEditor(props, ref) {
  const { value, onChange, findings, label } = props;
  const [editorModule, setEditorModule] = useState<EditorModule | null>(null);
  const [caretLine, setCaretLine] = useState(1);
  const keysHelpId = useId();
  const hostRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const editorRef = useRef<YamlEditorView | null>(null);
  // The editor is created once; its callbacks read the latest props.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  // Fetched once the page has loaded, so that the editor is never part of its first-load JavaScript.
  useEffect(() => {
    let mounted = true;
    const load = () => void import("./codemirror-yaml").then((loaded) => mounted && setEditorModule(loaded));
    if (document.readyState === "complete") load();
    else window.addEventListener("load", load, { once: true });
    return () => {
      mounted = false;
      window.removeEventListener("load", load);
    };
  }, []);

  useEffect(() => {
    if (!editorModule || !hostRef.current) return;
    const hadFocus = document.activeElement === textareaRef.current;
    const editor = editorModule.createYamlEditor(hostRef.current, {
      text: latest.current.value,
      label: latest.current.label,
      describedBy: keysHelpId,
      reference: latest.current.reference,
      onChange: (text) => latest.current.onChange(text),
      onCaretLine: setCaretLine,
      onSave: () => latest.current.onSave(),
    });
    editorRef.current = editor;
    if (hadFocus) editor.view.focus();
    return () => {
      editor.destroy();
      editorRef.current = null;
    };
  }, [editorModule, keysHelpId]);

  useEffect(() => editorRef.current?.setText(value), [value, editorModule]);
  useEffect(() => editorRef.current?.setFindings(findings), [findings, editorModule]);

  useImperativeHandle(ref, () => ({
    goToLine(line, column = 1) {
      if (editorRef.current) return editorRef.current.goTo(line, column);
      const textarea = textareaRef.current;
      if (!textarea) return;
      const lineStart = textarea.value
        .split("\n")
        .slice(0, line - 1)
        .reduce((sum, text) => sum + text.length + 1, 0);
      const offset = lineStart + column - 1;
      textarea.focus();
      textarea.setSelectionRange(offset, offset);
    },
  }));

  const caretFindings = findings.filter((finding) => finding.line === caretLine);

  return (
    <div>
      <div className={`${FRAME} ${EDITOR_COLOURS}`}>
        {editorModule ? (
          <div ref={hostRef} data-testid="config-editor" />
        ) : (
          <textarea
            ref={textareaRef}
            aria-label={label}
            aria-describedby={keysHelpId}
            className={FALLBACK}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            wrap="off"
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
        )}
      </div>
      <p className="mt-1 min-h-5 text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
        {caretFindings.length > 0
          ? `Line ${caretLine}: ${caretFindings.map((f) => `${f.severity}: ${f.message}`).join(" · ")}`
          : `Line ${caretLine}`}
      </p>
      <p id={keysHelpId} className="text-xs text-slate-500 dark:text-slate-400">
        Ctrl-Space completes a key or value · Ctrl/⌘-F searches · Ctrl/⌘-S saves · Tab indents; Esc then Tab leaves the
        editor
      </p>
    </div>
  );
});
