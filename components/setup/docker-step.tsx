"use client";

import useSWR from "swr";
import { DOCKER_HELP, DOCKER_INSTALL } from "@/lib/docker/docker-help";
import type { EngineResponse } from "@/lib/http/api-contract";
import { ApiError, fetchJson } from "@/lib/http/api-client";
import { buttonPrimary, buttonSecondary, HintText } from "@/components/ui";

/** Setup's first step: is a Docker engine answering, and how to install one if not. */
export function DockerStep({ onNext }: { onNext(): void }) {
  const { data, error, isValidating, mutate } = useSWR<EngineResponse>("/api/engine", fetchJson, {
    shouldRetryOnError: false,
  });
  const problem = error instanceof ApiError ? error.body : null;
  return (
    <div className="mt-3 space-y-3 text-sm" aria-live="polite">
      {!data && !error ? <p>Looking for your Docker engine…</p> : null}
      {data ? (
        <p role="status" className="text-emerald-800 dark:text-emerald-200">
          ✓ Docker {data.engine.version} is running ({data.engine.os}/{data.engine.arch}).
        </p>
      ) : null}
      {problem ? (
        <div role="alert" className="space-y-2">
          <p className="font-medium text-red-800 dark:text-red-200">{problem.message}</p>
          {problem.hint ? <HintText text={problem.hint} /> : null}
          <details>
            <summary className="cursor-pointer">Not installed yet, or on another system?</summary>
            <dl className="mt-2 grid gap-2 sm:grid-cols-[auto_1fr]">
              {(["linux", "macos", "windows"] as const).map((os) => (
                <div key={os} className="contents">
                  <dt className="font-medium capitalize">{os === "macos" ? "macOS" : os}</dt>
                  <dd>
                    <HintText text={`${DOCKER_INSTALL[os]} ${DOCKER_HELP[os]}`} />
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        </div>
      ) : null}
      <div className="flex gap-2">
        <button type="button" className={buttonSecondary} onClick={() => void mutate()} disabled={isValidating}>
          Check again
        </button>
        <button type="button" className={buttonPrimary} onClick={onNext} disabled={!data}>
          Next
        </button>
      </div>
    </div>
  );
}
