/**
 * 365-day years, as Eco-CI (4 × 365 × 86,400 = 126,144,000 s) and Cloud Carbon Footprint
 * (SERVER_EXPECTED_LIFESPAN 35,040 h) count them; a 365.25-day year would change M by 0.07%
 * and break agreement with both.
 */
export const SECONDS_PER_YEAR = 365 * 24 * 60 * 60;

/**
 * Expected server lifetime (EL): 4 years. Source: Cloud Carbon Footprint methodology (2021),
 * also Eco-CI's ECO_CI_SCI_USAGE_DURATION (scripts/vars.sh, read 2026).
 */
export const SERVER_LIFETIME_S = 4 * SECONDS_PER_YEAR;
