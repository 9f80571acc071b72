"use client";

import { useState } from "react";
import type { SWRResponse } from "swr";
import { useSWRConfig } from "swr";
import type { ConfigEdits } from "@/lib/config/config-edits";
import { errorNotice, type Notice } from "@/components/ui";
import { applyConfigEdits } from "./apply-config-edits";
import { describePortEdits, reusedPostgresNotice } from "./decision-notices";
import { CONFIG_URL, type ConfigResponse, type DeployPlanResponse, type ReusePostgresResponse } from "./deploy-types";

/**
 * The Decisions step's config changes: each saves, then checks the plan again. `busy` names the
 * change being saved, so only its button says "Saving…" while all wait.
 */
export function useDecisionEdits(plan: SWRResponse<DeployPlanResponse>, config: SWRResponse<ConfigResponse>) {
  const { mutate: mutateKey } = useSWRConfig();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const saveEdits = async (edits: ConfigEdits, id: string, describe: string) => {
    setBusy(id);
    setNotice(null);
    try {
      const saved = await applyConfigEdits(edits);
      await mutateKey(CONFIG_URL, saved, { revalidate: false });
      await plan.mutate();
      setNotice({ tone: "success", message: `Config saved: ${describe}. Checked again.` });
    } catch (error) {
      setNotice(errorNotice(error, "The config could not be changed."));
    } finally {
      setBusy(null);
    }
  };
  const adoptPorts = (edits: Record<string, number>, id: string) => saveEdits(edits, id, describePortEdits(edits));

  const onReused = async (report: ReusePostgresResponse) => {
    await Promise.all([config.mutate(), plan.mutate()]);
    setNotice(reusedPostgresNotice(report));
  };

  return { busy, notice, saveEdits, adoptPorts, onReused };
}
