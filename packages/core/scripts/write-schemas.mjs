// Refreshes the committed JSON Schemas from the built zod schemas. The build does not run it:
// `npx tsc -p packages/core/tsconfig.build.json && node packages/core/scripts/write-schemas.mjs`
// (or `npm run schemas -w @sci-gate/core`), then commit packages/core/schema/.
import { writeFileSync } from "node:fs";
import { renderSchemaFiles } from "../dist/index.js";

const here = new URL("../schema/", import.meta.url);
for (const [name, text] of Object.entries(renderSchemaFiles())) writeFileSync(new URL(name, here), text);
