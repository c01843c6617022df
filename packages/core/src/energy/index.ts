export {
  type CounterDelta,
  type CounterDeltaOptions,
  type CounterProblem,
  type CounterProblemCode,
  type CounterReading,
  type CounterSum,
  computeMaxPlausibleDeltaUj,
  counterDeltaUj,
  type SumCounterOptions,
  sumCounterReadingsUj,
} from "./counter-delta.js";
export {
  type IntegratePowerOptions,
  integratePowerJ,
  type PowerGap,
  type PowerIntegral,
  type PowerSample,
} from "./integrate-power.js";
export { type IdleSplit, type SubtractIdleInput, subtractIdle } from "./subtract-idle.js";
export { energyFromUtilisation, type UtilisationEnergy, type UtilisationSample } from "./utilisation-energy.js";
