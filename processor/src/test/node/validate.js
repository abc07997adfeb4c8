// Validates OpenAPI documents with @apidevtools/swagger-parser (OpenAPI 3.1 included): prints "valid <file>"
// for each, or the error and exits 1. Run by OpenApiValidationTest when node and this folder's
// node_modules (`npm ci` here) are present.
const SwaggerParser = require("@apidevtools/swagger-parser");

(async () => {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    try {
      const api = await SwaggerParser.validate(file);
      console.log("valid " + file + " (OpenAPI " + api.openapi + ", " + Object.keys(api.paths).length + " paths)");
    } catch (e) {
      console.log("invalid " + file + ": " + e.message);
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
})();
