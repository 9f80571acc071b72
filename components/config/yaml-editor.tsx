"use client";

import { forwardRef, useImperativeHandle, useMemo, useRef, useState } from "react";
import type { Finding } from "@/lib/config/findings";

export interface YamlEditorHandle {
  /** Put the caret at the start of a 1-based line and scroll it into view. */
  goToLine(line: number, column?: number): void;
}

interface YamlEditorProps {
  value: string;
  onChange(value: string): void;
  findings: readonly Finding[];
  label: string;
}

// The gutter and the textarea share one line height so line numbers stay aligned.
const LINE_HEIGHT_PX = 20;

/**
 * A plain textarea with a line-number gutter that marks lines with findings. Small on
 * purpose: a config file is a few dozen lines and a full code editor would triple the
 * page's JavaScript.
 */
export const YamlEditor = forwardRef<YamlEditorHandle, YamlEditorProps>(function YamlEditor(
  { value, onChange, findings, label },
  ref,
) {
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const [caretLine, setCaretLine] = useState(1);

  const lineCount = useMemo(() => value.split("\n").length, [value]);
  const findingsByLine = useMemo(() => {
    const byLine = new Map<number, Finding[]>();
    for (const finding of findings) {
      if (!finding.line) continue;
      byLine.set(finding.line, [...(byLine.get(finding.line) ?? []), finding]);
    }
    return byLine;
  }, [findings]);

  useImperativeHandle(ref, () => ({
    goToLine(line, column = 1) {
      const textarea = textareaRef.current;
      if (!textarea) return;
      const lines = textarea.value.split("\n");
      const offset = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0) + column - 1;
      textarea.focus();
      textarea.setSelectionRange(offset, offset);
      textarea.scrollTop = Math.max(0, (line - 3) * LINE_HEIGHT_PX);
      setCaretLine(line);
    },
  }));

  const updateCaretLine = () => {
    const textarea = textareaRef.current;
    if (textarea) setCaretLine(textarea.value.slice(0, textarea.selectionStart).split("\n").length);
  };

  const caretFindings = findingsByLine.get(caretLine) ?? [];

  return (
    <div>
      <div className="flex h-[28rem] overflow-hidden rounded-md border border-slate-300 bg-white focus-within:border-blue-500 dark:border-slate-700 dark:bg-slate-900">
        <div
          ref={gutterRef}
          aria-hidden="true"
          className="select-none overflow-hidden border-r border-slate-200 bg-slate-50 py-2 text-right font-mono text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-400"
        >
          {Array.from({ length: lineCount }, (_, index) => {
            const lineFindings = findingsByLine.get(index + 1);
            const severity = lineFindings?.some((f) => f.severity === "error") ? "error" : lineFindings ? "warning" : null;
            return (
              <div
                key={index}
                style={{ height: LINE_HEIGHT_PX, lineHeight: `${LINE_HEIGHT_PX}px` }}
                title={lineFindings?.map((f) => f.message).join("\n")}
                data-severity={severity ?? undefined}
                className={`flex items-center justify-end gap-1 px-2 ${severity === "error" ? "bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-300" : severity === "warning" ? "bg-amber-100 text-amber-700 dark:bg-amber-950 dark:text-amber-300" : ""}`}
              >
                {severity ? <span aria-hidden>{severity === "error" ? "●" : "▲"}</span> : null}
                {index + 1}
              </div>
            );
          })}
        </div>
        <textarea
          ref={textareaRef}
          aria-label={label}
          className="code flex-1 resize-none whitespace-pre bg-transparent px-3 py-2 text-[13px] outline-none"
          style={{ lineHeight: `${LINE_HEIGHT_PX}px` }}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            updateCaretLine();
          }}
          onKeyUp={updateCaretLine}
          onClick={updateCaretLine}
          onScroll={(event) => {
            if (gutterRef.current) gutterRef.current.scrollTop = event.currentTarget.scrollTop;
          }}
          onKeyDown={(event) => {
            // YAML forbids tabs for indentation: the Tab key inserts two spaces instead.
            if (event.key !== "Tab" || event.shiftKey) return;
            event.preventDefault();
            const target = event.currentTarget;
            const { selectionStart, selectionEnd } = target;
            const next = `${target.value.slice(0, selectionStart)}  ${target.value.slice(selectionEnd)}`;
            onChange(next);
            requestAnimationFrame(() => target.setSelectionRange(selectionStart + 2, selectionStart + 2));
          }}
        />
      </div>
      <p className="mt-1 min-h-5 text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
        {caretFindings.length > 0
          ? `Line ${caretLine}: ${caretFindings.map((f) => `${f.severity}: ${f.message}`).join(" · ")}`
          : `Line ${caretLine}`}
      </p>
    </div>
  );
});
