export * from "./merge-reports.js";
