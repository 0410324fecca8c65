// The erasure queue: deadlines first, then what is done with its certificate.
import {h, empty, problem, shortHash, formatDuration, formatTime} from './dom.js';
import {getBlob} from './api.js';
import {guaranteeBadge, statusChip} from './models.js';

const OPEN = new Set(['RECEIVED', 'IN_PROGRESS', 'EXTENDED', 'OVERDUE']);
const WEEK = 7 * 24 * 3600 * 1000;

/** Overdue first, then open ones by deadline, then finished ones, most recent first. */
export function sortErasures(erasures, now = Date.now()) {
    const rank = e => isOverdue(e, now) ? 0 : OPEN.has(e.status) ? 1 : 2;
    return [...erasures].sort((a, b) => rank(a) - rank(b)
        || (rank(a) < 2 ? time(a.dueAt) - time(b.dueAt) : time(b.completedAt || b.receivedAt) - time(a.completedAt || a.receivedAt)));
}

function time(iso) {
    return iso ? new Date(iso).getTime() : 0;
}

export function isOverdue(e, now = Date.now()) {
    return e.status === 'OVERDUE' || (OPEN.has(e.status) && e.dueAt && time(e.dueAt) < now);
}

/** @param state {erasures: [...]} or {unavailable: true} when the server has no erasure endpoints yet */
export function renderErasures(state) {
    if (state.unavailable) {
        return empty('No erasure requests.', 'This server does not offer the erasure workflow yet.');
    }
    if (state.erasures.length === 0) {
        return empty('No erasure requests yet.', 'Requests arrive as lethe.RequestErasure or POST /api/erasures.');
    }
    return h('ul', {class: 'erasures'}, sortErasures(state.erasures).map(erasureItem));
}

function erasureItem(e) {
    const overdue = isOverdue(e);
    const open = OPEN.has(e.status);
    return h('li', {class: 'erasure' + (overdue ? ' overdue' : open ? ' open' : ' done'), 'data-erasure-id': e.erasureId,
            'data-status': e.status},
        h('div', {class: 'erasure-head'},
            h('span', {class: 'subject'}, 'Subject ', shortHash(e.subjectId, 8)),
            statusChip(overdue && e.status !== 'OVERDUE' ? 'OVERDUE' : e.status)),
        open ? deadline(e, overdue) : finished(e),
        e.models.length ? h('div', {class: 'erasure-models'}, e.models.map(m => h('span', {class: 'erasure-model'},
            m.modelId, ' ', m.guarantee ? guaranteeBadge(m.guarantee) : null,
            m.versionBefore != null ? h('span', {class: 'muted small'}, ` v${m.versionBefore} → v${m.versionAfter ?? '…'}`) : null)))
            : null,
        e.failureReason ? problem(e.failureReason) : null,
        e.status === 'COMPLETED' ? certificateLinks(e) : null);
}

function deadline(e, overdue) {
    const left = time(e.dueAt) - Date.now();
    const cls = overdue ? 'deadline late' : left < WEEK ? 'deadline soon' : 'deadline';
    return h('div', {class: cls, title: 'due ' + formatTime(e.dueAt)},
        overdue ? formatDuration(left) + ' overdue' : formatDuration(left) + ' left',
        h('span', {class: 'muted small'}, ' · received ' + formatTime(e.receivedAt)),
        e.extension ? h('span', {class: 'muted small'}, ' · extended: ' + e.extension.reason) : null);
}

function finished(e) {
    return h('div', {class: 'deadline done-line'},
        e.status === 'COMPLETED' ? 'Completed ' + formatTime(e.completedAt) : 'Closed ' + formatTime(e.completedAt),
        e.dueAt ? h('span', {class: 'muted small'}, ' · was due ' + formatTime(e.dueAt)) : null);
}

function certificateLinks(e) {
    const base = '/api/erasures/' + encodeURIComponent(e.erasureId) + '/certificate';
    // The server issues (and freezes) a certificate once a signed checkpoint covers the completion, so a
    // completed erasure always offers the links; the first fetch may answer that it is not ready yet.
    return h('div', {class: 'cert-links'},
        h('a', {href: base + '.html', class: 'cert-view', onclick: ev => viewCertificate(ev, base + '.html')},
            'View certificate'),
        h('a', {href: base, class: 'cert-download',
            onclick: ev => downloadCertificate(ev, base, 'erasure-' + e.erasureId + '-certificate.json')},
            'Download signed JSON'),
        e.certificateAvailable ? null : h('span', {class: 'muted small'}, 'issued once a checkpoint covers it'));
}

// The API needs the bearer header, which a plain link cannot send: fetch, then show or save the bytes locally.
async function viewCertificate(event, path) {
    event.preventDefault();
    const tab = window.open('', '_blank');
    try {
        const url = URL.createObjectURL(await getBlob(path));
        if (tab) tab.location = url; else window.location = url;
    } catch (err) {
        if (tab) tab.close();
        alert('Could not load the certificate: ' + err.message);
    }
}

async function downloadCertificate(event, path, fileName) {
    event.preventDefault();
    try {
        const url = URL.createObjectURL(await getBlob(path));
        const a = h('a', {href: url, download: fileName});
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (err) {
        alert('Could not download the certificate: ' + err.message);
    }
}
