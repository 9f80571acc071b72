import { networkInterfaces } from "node:os";
import type Docker from "dockerode";
import { withEngine } from "./docker-client";

/** The parts of `docker network inspect bridge` that say where its gateway is. */
export interface BridgeNetwork {
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null } | null;
  Options?: Record<string, string> | null;
}

type Interfaces = Record<string, { address: string; family: string | number }[] | undefined>;

/**
 * The address `host-gateway` resolves to: the default bridge's gateway, i.e. the IPv4 address of
 * its interface on the engine's host. A daemon records it in the network's IPAM config only when
 * it found the bridge already configured: on its very first start (a fresh install) the config
 * holds the subnet alone. Then the host's own interface of that name answers (the engine runs on
 * this machine), and failing that the subnet's first address, which is Docker's default.
 */
export function bridgeGatewayAddress(bridge: BridgeNetwork, interfaces: Interfaces): string | null {
  const configs = bridge.IPAM?.Config ?? [];
  const recorded = configs.find((c) => c.Gateway)?.Gateway;
  if (recorded) return recorded;
  const name = bridge.Options?.["com.docker.network.bridge.name"];
  const own = name ? interfaces[name]?.find((a) => a.family === "IPv4" || a.family === 4)?.address : undefined;
  if (own) return own;
  const subnet = configs.find((c) => c.Subnet && /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(c.Subnet))?.Subnet;
  if (!subnet) return null;
  const [base] = subnet.split("/");
  const octets = base!.split(".").map(Number);
  octets[3] = octets[3]! + 1;
  return octets.join(".");
}

/** Where containers on the default bridge reach this machine, or null when it has no IPv4 bridge. */
export async function dockerHostGateway(docker: Docker): Promise<string | null> {
  const bridge = (await withEngine(() => docker.getNetwork("bridge").inspect())) as BridgeNetwork;
  return bridgeGatewayAddress(bridge, networkInterfaces());
}
