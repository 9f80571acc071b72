"use client";

import type { ServiceAction, ServicePlan } from "@/lib/plan/deployment-plan";
import { Badge, type BadgeTone, tableHead } from "@/components/ui";
import { PlanSection } from "./plan-section";

const ACTION_TONES: Record<ServiceAction, BadgeTone> = {
  create: "blue",
  recreate: "amber",
  start: "blue",
  keep: "green",
  remove: "red",
  reuse: "green",
};

/** Each planned container with what the deploy will do to it and why. */
export function PlannedServicesTable({ services }: { services: ServicePlan[] }) {
  return (
    <PlanSection headingId="services-heading" title="Containers">
      <div className="overflow-x-auto" tabIndex={0} role="group" aria-label="Planned containers">
        <table className="w-full min-w-[36rem] text-left text-sm" aria-labelledby="services-heading">
          <thead className={tableHead}>
            <tr>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                Service
              </th>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                Action
              </th>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                Why
              </th>
              <th scope="col" className="py-1.5 font-medium">
                Container · image
              </th>
            </tr>
          </thead>
          <tbody>
            {services.map((service) => (
              <tr
                key={service.containerName}
                className="border-b border-slate-100 last:border-0 dark:border-slate-800"
                data-testid={`plan-${service.service}`}
              >
                <th scope="row" className="py-1.5 pr-3 font-medium">
                  {service.service}
                </th>
                <td className="py-1.5 pr-3">
                  <Badge tone={ACTION_TONES[service.action]}>{service.action}</Badge>
                </td>
                <td className="py-1.5 pr-3">{service.reason}</td>
                <td className="py-1.5">
                  <code className="break-all">{service.containerName}</code>
                  {service.image ? (
                    <span className="block text-xs text-slate-500 dark:text-slate-400">{service.image}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PlanSection>
  );
}
