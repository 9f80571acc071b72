"use client";

import type { ReactNode } from "react";

/**
 * A titled section of the Decisions step. A section given `action` (null while it has none to
 * offer) keeps its heading in a row with it, so the heading does not move when the action comes.
 */
export function PlanSection({
  headingId,
  title,
  action,
  children,
}: {
  headingId: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  const heading = (
    <h3 id={headingId} className="text-sm font-semibold">
      {title}
    </h3>
  );
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      {action === undefined ? (
        heading
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-2">
          {heading}
          {action}
        </div>
      )}
      {children}
    </section>
  );
}
