import type { Metadata } from "next";
import { ConfigEditor } from "@/components/config/config-editor";
import { FieldReferenceTable } from "@/components/config/field-reference-table";

export const metadata: Metadata = { title: "Config · Mycelium" };

export default function ConfigPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Configuration</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Edit the stack&apos;s config file. Problems show up as you type; saving is atomic and keeps the previous version.
        </p>
      </div>
      <ConfigEditor />
      <FieldReferenceTable />
    </div>
  );
}
