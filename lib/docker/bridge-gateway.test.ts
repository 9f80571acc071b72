import { describe, expect, it } from "vitest";
import { bridgeGatewayAddress } from "./bridge-gateway";

const options = { "com.docker.network.bridge.name": "docker0" };

describe("bridgeGatewayAddress", () => {
  it("takes the gateway the daemon recorded", () => {
    expect(
      bridgeGatewayAddress(
        { IPAM: { Config: [{ Subnet: "172.17.0.0/16", Gateway: "172.17.0.1" }] }, Options: options },
        {},
      ),
    ).toBe("172.17.0.1");
  });

  it("on a daemon's first start (subnet only), reads the bridge interface of this host", () => {
    const interfaces = {
      docker0: [
        { address: "fe80::1", family: "IPv6" },
        { address: "10.99.0.1", family: "IPv4" },
      ],
    };
    expect(bridgeGatewayAddress({ IPAM: { Config: [{ Subnet: "10.99.0.0/16" }] }, Options: options }, interfaces)).toBe(
      "10.99.0.1",
    );
  });

  it("without that interface (an engine elsewhere), falls back to the subnet's first address", () => {
    expect(bridgeGatewayAddress({ IPAM: { Config: [{ Subnet: "172.17.0.0/16" }] }, Options: options }, {})).toBe(
      "172.17.0.1",
    );
  });

  it("is null for a bridge without IPv4 addressing", () => {
    expect(bridgeGatewayAddress({ IPAM: { Config: [] }, Options: options }, {})).toBeNull();
    expect(bridgeGatewayAddress({ IPAM: { Config: [{ Subnet: "fd00::/64" }] } }, {})).toBeNull();
  });
});
