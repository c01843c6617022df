/**
 * The @tgwf/co2 release whose data sci-gate reads. A figure's provenance must name the data
 * release, and core may not read package.json at run time (no fs), so the version is written
 * here; co2js-package.test.ts compares it with the installed package.json so that a dependency
 * bump without updating this line fails the tests instead of mislabelling every report.
 */
export const CO2JS_PACKAGE_NAME = "@tgwf/co2";
export const CO2JS_PACKAGE_VERSION = "0.19.0";
