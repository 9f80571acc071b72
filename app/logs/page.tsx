import type { Metadata } from "next";
import { LogViewer } from "@/components/logs/log-viewer";

export const metadata: Metadata = { title: "Logs · Mycelium" };

export default function LogsPage() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Logs</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Live output of the stack&apos;s containers, one service or several merged. Scroll up to pause; errors are
          highlighted.
        </p>
      </div>
      <LogViewer />
    </div>
  );
}
