import type { FieldReference } from "@/lib/config/field-reference";

/** The schema's own descriptions, so the reference can never drift from what is validated. */
export function FieldReferenceTable({ rows }: { rows: readonly FieldReference[] }) {
  return (
    <details className="rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <summary className="cursor-pointer px-3 py-2 text-sm font-semibold">
        Field reference ({rows.length} fields)
      </summary>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase text-slate-600 dark:bg-slate-950 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2">
                Field
              </th>
              <th scope="col" className="px-3 py-2">
                Type
              </th>
              <th scope="col" className="px-3 py-2">
                Default
              </th>
              <th scope="col" className="px-3 py-2">
                Description
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.path} className="border-t border-slate-100 align-top dark:border-slate-800">
                <td className="px-3 py-2">
                  <code>{row.path}</code>
                </td>
                <td className="px-3 py-2 text-slate-600 dark:text-slate-400">{row.type}</td>
                <td className="px-3 py-2">
                  <code>{row.defaultValue ?? "—"}</code>
                </td>
                <td className="px-3 py-2">{row.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
