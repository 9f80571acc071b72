import type { Metadata } from "next";
import type { ReactNode } from "react";
import { EngineLine } from "@/components/engine-line";
import { MainNav } from "@/components/main-nav";
import "./globals.css";

export const metadata: Metadata = {
  title: "Mycelium",
  description: "Deploy, validate and troubleshoot a local Temporal + PostgreSQL stack.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a
          href="#main"
          className={
            "sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 " +
            "focus:rounded focus:bg-white focus:px-3 focus:py-1 dark:focus:bg-slate-900"
          }
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3">
            <span className="text-lg font-semibold tracking-tight">Mycelium</span>
            <MainNav />
            <EngineLine />
          </div>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
