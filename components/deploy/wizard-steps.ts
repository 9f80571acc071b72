/** The wizard's steps, in order; the current one lives in the URL (`/deploy?step=plan`). */
export const STEPS = [
  {
    id: "engine",
    label: "Engine check",
    description: "Mycelium talks to your Docker engine directly: it must be running.",
  },
  { id: "config", label: "Config review", description: "What will be deployed, from your config file." },
  {
    id: "decisions",
    label: "Detection & decisions",
    description: "What already exists on this machine, and what the deploy will do about it.",
  },
  {
    id: "plan",
    label: "Plan review",
    description: "The files that will be written, and the last look before deploying.",
  },
  {
    id: "deploy",
    label: "Deploy",
    description: "Network, volumes, images and containers, each one started once what it needs is healthy.",
  },
  { id: "done", label: "Done", description: "The stack is up." },
] as const;

export type StepId = (typeof STEPS)[number]["id"];

export function parseStep(value: string | null): StepId {
  return STEPS.find((step) => step.id === value)?.id ?? "engine";
}

export function stepHref(step: StepId): string {
  return `/deploy?step=${step}`;
}
