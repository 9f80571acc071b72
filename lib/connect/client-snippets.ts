/**
 * How an app connects to the stack with each SDK, through Temporal's environment
 * configuration: the same code runs against this stack, a teammate's or production, and
 * `TEMPORAL_PROFILE` / `TEMPORAL_CONFIG_FILE` / `TEMPORAL_ADDRESS` / `TEMPORAL_NAMESPACE` say
 * which. Each snippet connects and proves it (the e2e journey runs the TypeScript one).
 */

export type SnippetLanguage = "typescript" | "go" | "python" | "java";

export interface ClientSnippet {
  language: SnippetLanguage;
  label: string;
  /** What to add to the project first. */
  install: string;
  code: string;
}

/** The comment that says where the settings come from, in the snippet's own comment syntax. */
function selection(indent: string, marker: string): string {
  return [
    `${marker} TEMPORAL_PROFILE picks the profile (else "default") in TEMPORAL_CONFIG_FILE (else the`,
    `${indent}${marker} SDK's default file); TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE override it.`,
  ].join("\n");
}

export const CLIENT_SNIPPETS: readonly ClientSnippet[] = [
  {
    language: "typescript",
    label: "TypeScript",
    install: "npm install @temporalio/client @temporalio/envconfig",
    code: `import { Client, Connection } from "@temporalio/client";
import { loadClientConnectConfig } from "@temporalio/envconfig";

${selection("", "//")}
const config = loadClientConnectConfig();
const connection = await Connection.connect(config.connectionOptions);
const client = new Client({ connection, namespace: config.namespace });

const { namespaceInfo } = await client.workflowService.describeNamespace({ namespace: client.options.namespace });
console.log(\`Connected to \${config.connectionOptions.address}, namespace \${namespaceInfo?.name}\`);
await connection.close();
`,
  },
  {
    language: "go",
    label: "Go",
    install: "go get go.temporal.io/sdk go.temporal.io/sdk/contrib/envconfig",
    code: `package main

import (
	"log"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/contrib/envconfig"
)

func main() {
	${selection("\t", "//")}
	c, err := client.Dial(envconfig.MustLoadDefaultClientOptions())
	if err != nil {
		log.Fatalln("Unable to connect to Temporal:", err)
	}
	defer c.Close()
	log.Println("Connected to Temporal")
}
`,
  },
  {
    language: "python",
    label: "Python",
    install: "pip install temporalio",
    code: `import asyncio

from temporalio.client import Client
from temporalio.envconfig import ClientConfig


async def main():
    ${selection("    ", "#")}
    connect_config = ClientConfig.load_client_connect_config()
    client = await Client.connect(**connect_config)
    print(f"Connected to namespace {client.namespace}")


asyncio.run(main())
`,
  },
  {
    language: "java",
    label: "Java",
    install: "implementation 'io.temporal:temporal-sdk' and 'io.temporal:temporal-envconfig' (same version)",
    code: `import io.temporal.client.WorkflowClient;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.serviceclient.WorkflowServiceStubs;

public class Connect {
  public static void main(String[] args) throws Exception {
    ${selection("    ", "//")}
    ClientConfigProfile profile = ClientConfigProfile.load();
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(profile.toWorkflowServiceStubsOptions());
    WorkflowClient client = WorkflowClient.newInstance(service, profile.toWorkflowClientOptions());
    System.out.println("Connected to namespace " + client.getOptions().getNamespace());
  }
}
`,
  },
];
