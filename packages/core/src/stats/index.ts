export {
  type BootstrapInterval,
  type BootstrapOptions,
  computeBootstrapInterval,
  computeBootstrapMeanInterval,
  DEFAULT_BOOTSTRAP_RESAMPLES,
  DEFAULT_BOOTSTRAP_SEED,
  type SampleStatistic,
} from "./bootstrap.js";
export {
  computeCoefficientOfVariation,
  computeMean,
  computeMedian,
  computeQuantile,
  computeSampleSd,
} from "./descriptive.js";
export { StatsInputError, type StatsInputErrorCode } from "./errors.js";
export {
  computeHodgesLehmannShiftInterval,
  computePairwiseDifferences,
  computeRankSumPmf,
  EXACT_RANK_SUM_MAX_PRODUCT,
  estimateHodgesLehmannShift,
  type HodgesLehmannShiftInterval,
  type TooFewSamples,
} from "./mann-whitney.js";
export { computeNoncentralTSurvival } from "./noncentral-t.js";
export { computeNormalCdf, computeNormalPdf, computeNormalQuantile } from "./normal.js";
export {
  computeDetectableIncrease,
  computeDetectionProbability,
  computeIntervalHalfWidth,
  computeRequiredPairs,
  DEFAULT_MAX_PAIRS,
  DEFAULT_POWER,
  type DetectableIncrease,
  type DetectableIncreaseInputs,
  type DetectionInputs,
  type RequiredPairs,
  type RequiredPairsInputs,
} from "./power.js";
export { createRng, type Rng } from "./rng.js";
export { computeStudentTCdf, computeStudentTPdf, computeStudentTQuantile } from "./student-t.js";
export {
  computeTInterval,
  computeWelchInterval,
  DEFAULT_CONFIDENCE,
  type NotEnoughData,
  type TInterval,
  type WelchInterval,
  type WelchNotEnoughData,
} from "./t-interval.js";
export {
  computeHodgesLehmannInterval,
  computeSignedRankPmf,
  computeWalshAverages,
  EXACT_SIGNED_RANK_MAX_PAIRS,
  estimateHodgesLehmann,
  type HodgesLehmannInterval,
  type TooFewPairs,
} from "./wilcoxon.js";
