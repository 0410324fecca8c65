// Checks Lethe's canonical bytes with an RFC 8785 implementation that is not ours: the npm package `canonicalize`
// (JavaScript, numbers serialised by the engine itself). Run by NodeJcs.
//   node jcs-check.js <node_modules dir> <cases.json>
// cases.json: {"leaves": [{"leafInput": b64, "leafHash"?: b64}],
//              "certificates": [{"certificate": {...}, "publicKey": b64 raw Ed25519, "signature": b64}]}
// A leaf passes when canonicalize(JSON.parse(leafInput)) is leafInput byte for byte (and SHA-256(0x00 || it) is
// leafHash); a certificate when its Ed25519 signature verifies over canonicalize(certificate).
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const canonicalize = require(path.resolve(process.argv[2], 'canonicalize'));
const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const failures = [];

(cases.leaves || []).forEach((leaf, i) => {
    const input = Buffer.from(leaf.leafInput, 'base64');
    const canonical = Buffer.from(canonicalize(JSON.parse(input.toString('utf8'))), 'utf8');
    if (!canonical.equals(input)) {
        failures.push(`leaf ${i}: ours ${input.toString('utf8')}\n  theirs ${canonical.toString('utf8')}`);
    }
    if (leaf.leafHash) {
        const hash = crypto.createHash('sha256').update(Buffer.from([0])).update(canonical).digest('base64');
        if (hash !== leaf.leafHash) failures.push(`leaf ${i}: hash ${hash} is not ${leaf.leafHash}`);
    }
});

(cases.certificates || []).forEach((c, i) => {
    const x = Buffer.from(c.publicKey, 'base64').toString('base64url');
    const key = crypto.createPublicKey({key: {kty: 'OKP', crv: 'Ed25519', x}, format: 'jwk'});
    const message = Buffer.from(canonicalize(c.certificate), 'utf8');
    if (!crypto.verify(null, message, key, Buffer.from(c.signature, 'base64'))) {
        failures.push(`certificate ${i}: the signature does not verify over canonicalize(certificate)`);
    }
});

if (failures.length > 0) {
    console.log('FAILED\n' + failures.join('\n'));
    process.exit(1);
}
console.log(`ok: ${(cases.leaves || []).length} leaves, ${(cases.certificates || []).length} certificates`);
