"use client";

import { useEffect, useState } from "react";
import useSWR from "swr";
import { officialTemporalImage } from "@/lib/config/compat";
import { fetchJson } from "@/lib/http/api-client";
import type { PortAvailability, PortsResponse } from "@/lib/http/api-contract";
import { buttonPrimary, buttonSecondary } from "@/components/ui";
import { setupInputClass, type SetupStepProps } from "./setup-step-props";
import { hasDuplicatePorts, isValidPortList, isValidProjectName, PORT_FIELDS, portList } from "./setup-values";

/** Project name, the three host ports (checked as typed) and optional image overrides. */
export function ProjectStep({ values, update, onBack, onNext }: SetupStepProps) {
  const ports = portList(values);
  const [debouncedPorts, setDebouncedPorts] = useState(ports);
  useEffect(() => {
    const timer = setTimeout(() => setDebouncedPorts(ports), 300);
    return () => clearTimeout(timer);
  }, [ports]);
  const validPorts = isValidPortList(debouncedPorts);
  const { data } = useSWR<PortsResponse>(validPorts ? `/api/ports?ports=${debouncedPorts}` : null, fetchJson);
  const nameOk = isValidProjectName(values.projectName);
  const duplicates = hasDuplicatePorts(values);
  const busy = data?.ports.filter((p) => !p.free) ?? [];

  return (
    <div className="mt-3 space-y-4 text-sm">
      <label className="block">
        <span className="font-medium">Project name</span>
        <input
          className={setupInputClass}
          value={values.projectName}
          onChange={(e) => update({ projectName: e.target.value })}
          aria-invalid={!nameOk}
          aria-describedby="project-help"
        />
        <span
          id="project-help"
          className={
            `mt-1 block text-xs ` +
            `${nameOk ? "text-slate-600 dark:text-slate-400" : "text-red-700 dark:text-red-300"}`
          }
        >
          {nameOk
            ? `Containers will be named ${values.projectName}-postgres, ${values.projectName}-temporal…`
            : "Use a–z, 0–9 and '-', starting with a letter or digit (at most 63)."}
        </span>
      </label>
      <div className="grid gap-3 sm:grid-cols-3">
        {PORT_FIELDS.map((field) => {
          const availability = data?.ports.find((p) => String(p.port) === values[field.key]);
          return (
            <label key={field.key} className="block">
              <span className="font-medium">{field.label}</span>
              <input
                className={setupInputClass}
                inputMode="numeric"
                value={values[field.key]}
                onChange={(e) => update({ [field.key]: e.target.value })}
              />
              <span className="mt-1 block min-h-4 text-xs" data-testid={`port-hint-${field.key}`}>
                {availability ? (
                  <PortAvailabilityHint
                    availability={availability}
                    onUseSuggestion={(port) => update({ [field.key]: String(port) })}
                  />
                ) : (
                  ""
                )}
              </span>
            </label>
          );
        })}
      </div>
      {duplicates ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          Two services cannot share a port.
        </p>
      ) : null}
      <details>
        <summary className="cursor-pointer">Images (private registry or offline install)</summary>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          {(
            [
              { key: "postgresImage", label: "PostgreSQL image", placeholder: `postgres:${values.postgresVersion}` },
              {
                key: "temporalImage",
                label: "Temporal image",
                placeholder: officialTemporalImage(values.temporalVersion),
              },
              { key: "uiImage", label: "Temporal UI image", placeholder: "temporalio/ui (paired version)" },
            ] as const
          ).map((field) => (
            <label key={field.key} className="block">
              <span className="font-medium">{field.label}</span>
              <input
                className={setupInputClass}
                placeholder={field.placeholder}
                value={values[field.key]}
                onChange={(e) => update({ [field.key]: e.target.value })}
              />
            </label>
          ))}
        </div>
      </details>
      <div className="flex gap-2">
        <button type="button" className={buttonSecondary} onClick={onBack}>
          Back
        </button>
        <button
          type="button"
          className={buttonPrimary}
          onClick={onNext}
          disabled={!nameOk || duplicates || !validPorts}
        >
          {busy.length > 0 ? "Next (some ports are taken)" : "Next"}
        </button>
      </div>
    </div>
  );
}

/** "free", or who holds the port and a one-click free one nearby. */
function PortAvailabilityHint({
  availability,
  onUseSuggestion,
}: {
  availability: PortAvailability;
  onUseSuggestion(port: number): void;
}) {
  if (availability.free) return <span className="text-emerald-700 dark:text-emerald-300">free</span>;
  const { suggestion } = availability;
  return (
    <span className="text-red-700 dark:text-red-300">
      taken by {availability.holder}
      {suggestion ? (
        <>
          {" "}
          ·{" "}
          <button type="button" className="underline" onClick={() => onUseSuggestion(suggestion)}>
            use {suggestion}
          </button>
        </>
      ) : null}
    </span>
  );
}
