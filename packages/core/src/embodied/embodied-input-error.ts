export type EmbodiedErrorCode = "invalid-embodied-input" | "unknown-gpu";

/** An input problem the user can fix; `field` names the offending input when there is one. */
export interface EmbodiedInputError {
  readonly code: EmbodiedErrorCode;
  readonly message: string;
  readonly field?: string;
  readonly suggestions: readonly string[];
}
