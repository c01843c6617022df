export const actionVersion = "0.1.0";
