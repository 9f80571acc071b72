import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "dist/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "tmp/**",
    ],
  },
  {
    // Prettier wraps code at 120; this catches what it cannot wrap: comments, strings and templates.
    files: ["**/*.{ts,tsx,mjs,js}"],
    rules: { "max-len": ["error", { code: 120, tabWidth: 2, ignoreUrls: true }] },
  },
  {
    // The core runs under the CLI as well as the server: no UI framework in it (DESIGN.md).
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["react", "react/*", "react-dom", "react-dom/*"],
              message: "lib/ is the framework-free core: no React.",
            },
            { group: ["next", "next/*"], message: "lib/ is the framework-free core: no Next.js." },
            {
              group: ["@/components", "@/components/*", "**/components/*"],
              message: "lib/ must not depend on components/.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
