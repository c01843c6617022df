export type GridErrorCode = "unknown-country" | "no-country-figure" | "unknown-zone" | "year-unavailable" | "invalid-intensity" | "invalid-location";

/** A grid location the user can fix; `suggestions` holds values they probably meant. */
export interface GridInputError {
  readonly code: GridErrorCode;
  readonly message: string;
  readonly suggestions: readonly string[];
}
