/**
 * The one thing the user should do next, from what the overview knows. Pure, so the rule
 * order (most blocking first) is tested rather than scattered over components.
 */
export interface OverviewFacts {
  configExists: boolean;
  configValid: boolean;
  /** null while unknown (still loading). */
  engineError: { message: string; hint?: string } | null;
  deployRunning: boolean;
  deployed: boolean;
  /** Services that are not running, or running but unhealthy. */
  troubledServices: string[];
  /** The latest validation, if any: its status and root-cause title. */
  lastValidation: { status: "healthy" | "degraded" | "unhealthy"; rootCause: string | null } | null;
}

export interface NextStep {
  kind:
    "create-config" | "fix-config" | "start-docker" | "watch-deploy" | "deploy" | "fix-stack" | "validate" | "all-good";
  tone: "info" | "warning" | "danger" | "success";
  title: string;
  description: string;
  href: string;
  action: string;
}

export function chooseNextStep(facts: OverviewFacts): NextStep {
  if (!facts.configExists) {
    return {
      kind: "create-config",
      tone: "info",
      title: "Welcome! Let's set up your stack",
      description: "Pick a project name, ports and versions; the defaults work.",
      href: "/setup",
      action: "Start setup",
    };
  }
  if (!facts.configValid) {
    return {
      kind: "fix-config",
      tone: "danger",
      title: "The config has errors",
      description: "Fix them in the editor; each error says how.",
      href: "/config",
      action: "Open the config",
    };
  }
  if (facts.engineError) {
    return {
      kind: "start-docker",
      tone: "danger",
      title: facts.engineError.message,
      description: facts.engineError.hint ?? "Start Docker, then come back.",
      href: "/deploy",
      action: "Check again",
    };
  }
  if (facts.deployRunning) {
    return {
      kind: "watch-deploy",
      tone: "info",
      title: "A deploy is running",
      description: "Follow its progress.",
      href: "/deploy?step=deploy",
      action: "Follow the deploy",
    };
  }
  if (!facts.deployed) {
    return {
      kind: "deploy",
      tone: "info",
      title: "Ready to deploy",
      description: "Review the plan and start the stack.",
      href: "/deploy",
      action: "Deploy the stack",
    };
  }
  if (facts.troubledServices.length > 0) {
    return {
      kind: "fix-stack",
      tone: "danger",
      title: `${facts.troubledServices.join(", ")} ${facts.troubledServices.length === 1 ? "is" : "are"} not healthy`,
      description: "The health report names the cause and the fix.",
      href: "/health",
      action: "See what is wrong",
    };
  }
  if (!facts.lastValidation) {
    return {
      kind: "validate",
      tone: "info",
      title: "Check the stack end to end",
      description: "Run the health report once the containers are up.",
      href: "/health",
      action: "Run the health report",
    };
  }
  if (facts.lastValidation.status === "unhealthy") {
    return {
      kind: "fix-stack",
      tone: "danger",
      title: facts.lastValidation.rootCause ?? "The last health report found a problem",
      description: "Open the report for the fix.",
      href: "/health",
      action: "See the fix",
    };
  }
  return {
    kind: "all-good",
    tone: facts.lastValidation.status === "degraded" ? "warning" : "success",
    title: facts.lastValidation.status === "degraded" ? "Working, with a warning" : "All good",
    description:
      facts.lastValidation.status === "degraded"
        ? (facts.lastValidation.rootCause ?? "An optional part needs attention.")
        : "Temporal and PostgreSQL are up and talking to each other.",
    href: "/health",
    action: "Open the health report",
  };
}
