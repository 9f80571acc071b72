/** @type {import('next').NextConfig} */
const nextConfig = {
  // dockerode pulls in ssh2, whose optional native addon the bundler cannot trace.
  serverExternalPackages: ["ssh2", "dockerode", "pg", "@temporalio/client", "@temporalio/envconfig", "@grpc/grpc-js"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
