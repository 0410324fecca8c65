// The transparency log's latest checkpoint and whether it verifies (checked server-side with the api verifier).
import {h, empty, shortHash, formatInt, formatTime, ago} from './dom.js';

export function renderLog(status) {
    const cp = status.checkpoint;
    if (!cp) {
        return [verdict(false, status.problem || 'No checkpoint yet'),
            empty('No checkpoint has been signed yet.', formatInt(status.treeSize) + ' leaves in the log.')];
    }
    return [
        verdict(status.verified, status.verified ? 'Checkpoint verifies' : status.problem),
        h('dl', {class: 'facts'},
            fact('Log size', formatInt(status.treeSize) + ' leaves', 'tree-size'),
            fact('Checkpoint covers', formatInt(cp.treeSize) + ' leaves'
                + (cp.leavesSince ? ` (${formatInt(cp.leavesSince)} newer)` : ''), 'checkpoint-size'),
            fact('Signed', h('span', {title: formatTime(cp.signedAt)}, ago(cp.signedAt)), 'signed-at'),
            fact('Root hash', shortHash(cp.rootHash, 16), 'root'),
            fact('Signature (Ed25519)', check(cp.signatureValid, 'valid for ' + cp.origin, 'invalid'), 'signature'),
            fact('Root vs. stored tree', check(cp.rootMatchesLog, 'matches', 'differs'), 'root-match')),
        witnessList(status.witnesses || []),
        h('p', {class: 'small links'},
            h('a', {href: '/api/log/checkpoint', target: '_blank', rel: 'noopener'}, 'Signed note'), ' · ',
            h('a', {href: '/api/log/public-key', target: '_blank', rel: 'noopener'}, 'Public key'), ' · ',
            h('a', {href: '/api/log/keys', target: '_blank', rel: 'noopener'}, 'Key history'), ' · ',
            // Checked here against the database's own key history; an auditor pins the keys instead.
            h('span', {class: 'muted'}, 'verify yourself: lethe verify --public-key KEY')),
    ];
}

/** One line per witness: what it cosigned, or why it did not (a fork first of all). */
function witnessList(witnesses) {
    if (witnesses.length === 0) {
        return h('p', {class: 'small muted', id: 'witnesses'}, 'No witnesses configured (LETHE_WITNESSES).');
    }
    return h('ul', {class: 'witnesses', id: 'witnesses'}, ...witnesses.map(w => h('li',
        {'data-witness': w.name, 'data-up-to-date': String(w.upToDate)},
        check(w.upToDate && !w.fork, w.name + ' cosigned size ' + formatInt(w.cosignedSize)
            + (w.cosignedAt ? ' ' + ago(w.cosignedAt) : ''),
            w.name + ': ' + (w.fork ? 'FORK — ' + w.fork
                : w.lastError ? w.lastError + ' (retry at ' + formatTime(w.nextAttemptAt) + ')'
                : w.cosignedSize >= 0 ? 'cosigned size ' + formatInt(w.cosignedSize) + ', behind' : 'pending')))));
}

function verdict(ok, text) {
    return h('div', {class: 'verdict ' + (ok ? 'ok' : 'bad'), id: 'log-verdict', 'data-verified': String(!!ok)},
        h('span', {class: 'verdict-icon', 'aria-hidden': 'true'}, ok ? '✓' : '✗'), text);
}

function fact(label, value, field) {
    return h('div', {class: 'fact', 'data-field': field}, h('dt', {}, label), h('dd', {}, value));
}

function check(ok, yes, no) {
    return h('span', {class: ok ? 'good' : 'bad-text'}, ok ? '✓ ' + yes : '✗ ' + no);
}
