export * from "./calibrate.js";
