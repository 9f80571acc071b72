"use client";

import { useState } from "react";
import { DEFAULT_SETUP_VALUES, parseStoredSetupValues, type SetupValues } from "./setup-values";

// The form survives a reload and back/forward within the tab.
const STORAGE_KEY = "mycelium.setup";

/** The setup answers, kept in sessionStorage as they change. */
export function useSetupValues(): [SetupValues, (patch: Partial<SetupValues>) => void] {
  // Rendered in the browser only (useSearchParams under Suspense), so sessionStorage is there.
  const [values, setValues] = useState<SetupValues>(() =>
    typeof window === "undefined" ? DEFAULT_SETUP_VALUES : parseStoredSetupValues(sessionStorage.getItem(STORAGE_KEY)),
  );
  const update = (patch: Partial<SetupValues>) => {
    setValues((current) => {
      const next = { ...current, ...patch };
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      return next;
    });
  };
  return [values, update];
}

/** Once the config is written the answers live there: the next setup starts from the defaults. */
export function forgetSetupValues(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
