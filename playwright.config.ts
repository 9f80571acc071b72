import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { generateAccessToken, SESSION_COOKIE, sessionValueFor } from "./lib/security/access-token";
import { chromiumPath } from "./scripts/test-prerequisites.mjs";

const port = Number(process.env.E2E_PORT ?? 3100);
// Each run gets its own config and data directories, so a developer's real config is never touched.
const home = process.env.E2E_HOME ?? mkdtempSync(path.join(os.tmpdir(), "mycelium-e2e-"));
process.env.E2E_HOME = home;

// The dashboard runs with its access token on, as users run it. The browser starts with the
// session cookie that opening the printed link would give it (e2e/access-token.spec.ts opens
// the link itself).
const token = process.env.E2E_ACCESS_TOKEN ?? generateAccessToken();
process.env.E2E_ACCESS_TOKEN = token;
mkdirSync(path.join(home, "state", "mycelium"), { recursive: true });
writeFileSync(path.join(home, "state", "mycelium", "access-token"), `${token}\n`, { mode: 0o600 });
const storageState = path.join(home, "storage-state.json");
writeFileSync(
  storageState,
  JSON.stringify({
    cookies: [
      {
        name: SESSION_COOKIE,
        value: sessionValueFor(token),
        domain: "127.0.0.1",
        path: "/",
        expires: -1,
        httpOnly: true,
        secure: false,
        sameSite: "Strict",
      },
    ],
    origins: [],
  }),
);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "test-results/e2e-report.json" }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    storageState,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath() ?? undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // The specs also run the compiled CLI: a stale build is rebuilt first (skipped when fresh).
    command: `node scripts/build-cli.mjs --if-stale && node bin/mycelium.mjs serve --port ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      MYCELIUM_CONFIG: path.join(home, "config", "mycelium", "config.yaml"),
      XDG_DATA_HOME: path.join(home, "data"),
      XDG_STATE_HOME: path.join(home, "state"),
      // "Connect your app" writes Temporal profiles here, never into the user's own temporal.toml.
      TEMPORAL_CONFIG_FILE: path.join(home, "temporal", "temporal.toml"),
    },
  },
});
