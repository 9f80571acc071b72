import type { Metadata } from "next";
import { ConfigEditor } from "@/components/config/config-editor";
import { FieldReferenceTable } from "@/components/config/field-reference-table";
import { buildConfigReference } from "@/lib/config/field-reference";

export const metadata: Metadata = { title: "Config · Mycelium" };

export default function ConfigPage() {
  // Built here, on the server: the editor's completion gets the data without the schema's code.
  const reference = buildConfigReference();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Configuration</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Edit the stack&apos;s config file. Problems show up as you type; saving is atomic and keeps the previous
          version.
        </p>
      </div>
      <ConfigEditor reference={reference} />
      <FieldReferenceTable rows={reference.filter((row) => row.kind === "field")} />
    </div>
  );
}
