import type { ValidationReportJson } from "./validation-report";
import { COMPONENT_ORDER } from "./validation-check";

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/**
 * The report as JUnit XML, for CI systems: one suite per component, one case per check;
 * a failed check is a failure, a skipped one is skipped, a warning passes with its message.
 */
export function formatJunitReport(report: ValidationReportJson): string {
  const suites = COMPONENT_ORDER.map((component) => report.checks.filter((check) => check.component === component))
    .filter((checks) => checks.length > 0)
    .map((checks) => {
      const component = checks[0]!.component;
      const failures = checks.filter((c) => c.status === "fail").length;
      const skipped = checks.filter((c) => c.status === "skip").length;
      const seconds = checks.reduce((sum, c) => sum + c.durationMs, 0) / 1000;
      const cases = checks.map((check) => {
        const open =
          `    <testcase classname="mycelium.${component}" ` +
          `name="${escapeXml(check.id)}" time="${(check.durationMs / 1000).toFixed(3)}"`;
        if (check.status === "fail") {
          const detail = [check.detail, check.hint].filter(Boolean).join("\n");
          return (
            `${open}>\n      <failure ` +
            `message="${escapeXml(check.message)}">${escapeXml(detail)}</failure>\n    </testcase>`
          );
        }
        if (check.status === "skip")
          return `${open}>\n      <skipped message="${escapeXml(check.message)}"/>\n    </testcase>`;
        return `${open}>\n      <system-out>${escapeXml(check.message)}</system-out>\n    </testcase>`;
      });
      return (
        `  <testsuite name="${component}" tests="${checks.length}" failures="${failures}" ` +
        `errors="0" skipped="${skipped}" time="${seconds.toFixed(3)}" ` +
        `timestamp="${escapeXml(report.startedAt)}">\n${cases.join("\n")}\n  </testsuite>`
      );
    });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mycelium validate" ` +
    `tests="${report.checks.length}" failures="${report.counts.fail}" skipped="${report.counts.skip}" ` +
    `time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join("\n")}\n</testsuites>\n`
  );
}
