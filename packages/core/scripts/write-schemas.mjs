// Writes the committed JSON Schemas from the built zod schemas (run by `npm run build`).
import { writeFileSync } from "node:fs";
import { generateComparisonJsonSchema, generateConfigJsonSchema, generateReportJsonSchema } from "../dist/index.js";

const here = new URL("../schema/", import.meta.url);
writeFileSync(new URL("config.schema.json", here), `${JSON.stringify(generateConfigJsonSchema(), null, 2)}\n`);
writeFileSync(new URL("report.schema.json", here), `${JSON.stringify(generateReportJsonSchema(), null, 2)}\n`);
writeFileSync(new URL("comparison.schema.json", here), `${JSON.stringify(generateComparisonJsonSchema(), null, 2)}\n`);
