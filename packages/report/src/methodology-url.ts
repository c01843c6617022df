/** Where a reader finds every constant and its source, pinned to the release that computed the figures. */
export function methodologyUrlFor(version: string): string {
  return `https://github.com/sci-gate/sci-gate/blob/v${version}/docs/METHODOLOGY.md`;
}
