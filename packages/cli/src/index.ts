export * from "./cli.js";
export * from "./cli-error.js";
export * from "./context.js";
export * from "./help-text.js";
