export type PowerModelErrorCode =
  | "unknown-power-model"
  | "wrong-component"
  | "missing-parameter"
  | "invalid-parameter"
  | "unknown-gpu";

/** An input problem the user can fix; `suggestions` holds values they probably meant. */
export interface PowerModelError {
  readonly code: PowerModelErrorCode;
  readonly message: string;
  readonly suggestions: readonly string[];
}

/** Positive and finite: the only sensible values for vCPUs, TDP, GB and GPU counts. */
export function isPositiveFinite(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}
