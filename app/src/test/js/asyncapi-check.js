// Parses Lethe's AsyncAPI document with the reference parser, the npm package @asyncapi/parser: the document is
// validated against the AsyncAPI 3.0 schema, every $ref (the JSON Schema files beside it) is resolved and the
// payload schemas are checked as schemas. Run by AsyncApiParserTest (a file) and RestRolesIT (the served URL, its
// schemas then fetched from the server by their relative paths).
//   node asyncapi-check.js <node_modules dir> <asyncapi.yaml file or http:// URL>
// Prints every diagnostic; exits 1 when one is an error or a warning, else prints "ok: N channels, M messages".
'use strict';
const path = require('node:path');
const { Parser, fromFile, fromURL } = require(path.resolve(process.argv[2], '@asyncapi/parser'));

const SEVERITY = ['error', 'warning', 'information', 'hint'];

(async () => {
    const source = process.argv[3];
    const from = source.startsWith('http://') ? fromURL : fromFile;
    const { document, diagnostics } = await from(new Parser(), source).parse();
    let failed = !document;
    for (const d of diagnostics) {
        console.log(`${SEVERITY[d.severity]} ${d.code} at ${d.path.join('/')}: ${d.message}`);
        failed = failed || d.severity <= 1;
    }
    if (failed) {
        process.exit(1);
    }
    console.log(`ok: ${document.channels().length} channels, ${document.messages().length} messages`);
})().catch(e => {
    console.log(e.stack || String(e));
    process.exit(1);
});
