/** The stack's start order: data stores first, then Temporal, then its UI. */
const START_ORDER = ["postgres", "redis", "temporal", "temporal-ui"];

export function dependencyOrderNames(services: string[]): string[] {
  const rank = (service: string) => (START_ORDER.includes(service) ? START_ORDER.indexOf(service) : START_ORDER.length);
  return [...services].sort((a, b) => rank(a) - rank(b));
}
