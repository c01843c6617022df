// @tgwf/co2 ships no TypeScript types. These declarations cover only what sci-gate reads, so a
// shape change in a package update surfaces as a failing test on real data, not as `any`.

declare module "@tgwf/co2" {
  /** Ember annual averages (gCO2e/kWh), keyed by ISO alpha-3 plus aggregates such as WORLD, EU. */
  export const averageIntensity: {
    readonly type: string;
    readonly data: Readonly<Record<string, number>>;
  };
}

declare module "@tgwf/co2/data" {
  export interface ElectricityMapsZoneYear {
    readonly zone: { readonly zoneName: string; readonly displayName?: string; readonly countryName?: string };
    readonly carbonIntensity: { readonly value: number; readonly unit: string };
  }
  export interface ElectricityMapsYear {
    readonly data: Readonly<Record<string, ElectricityMapsZoneYear>>;
    readonly methodology?: string;
  }
  /** Keys look like `yearly2024`. */
  export const electricityMaps: Readonly<Record<string, ElectricityMapsYear>>;
}
