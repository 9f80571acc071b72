import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The Step 1 config of the deployment guide, verbatim. Read from the shared guide when it is
 * beside the repository, so the tests follow the guide; the copy below is the same text.
 */
const EMBEDDED = `version: "1.0"
project_name: temporal-deployment

deployment:
  method: docker-compose
  auto_start: true
  healthcheck_timeout: 90

services:
  redis:
    enabled: false

  postgres:
    enabled: true
    version: "15.3"
    port: 5432
    database: temporal
    max_connections: 100
    custom_config:
      shared_buffers: "256MB"
      effective_cache_size: "1GB"
      max_wal_size: "1GB"

  temporal:
    enabled: true
    version: "1.22.0"
    ui_port: 8080
    frontend_port: 7233
    namespace: default
`;

function fromGuide(): string | null {
  const guide = path.resolve(import.meta.dirname, "..", "..", "..", "shared", "seed", "000_b9e868f72f56c309.txt");
  try {
    const text = readFileSync(guide, "utf8");
    const match = /cat > temporal-deployment-config\.yaml <<EOF\n([\s\S]*?)EOF\n/.exec(text);
    return match?.[1] ?? null;
  } catch {
    return null;
  }
}

export const GUIDE_EXAMPLE_CONFIG = fromGuide() ?? EMBEDDED;
