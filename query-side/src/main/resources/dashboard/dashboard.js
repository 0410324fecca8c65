// Bootstraps the dashboard: sign-in, a refresh every few seconds, one panel at a time so one failing endpoint
// (say, erasures on a server without that workflow) never blanks the others.
import {h, mount, problem, formatInt} from './dom.js';
import {getJson, postJson, token, takeTokenFromUrl, HttpError} from './api.js';
import {renderModels} from './models.js';
import {renderErasures, isOverdue} from './erasures.js';
import {renderLog} from './log.js';
import {renderCosts} from './costs.js';

const REFRESH_MS = 5000;
const $ = id => document.getElementById(id);
const lastRendered = {};
let timer = null;

async function loadModels() {
    const list = await getJson('/api/models');
    return Promise.all(list.map(m => getJson('/api/models/' + encodeURIComponent(m.modelId))));
}

async function loadErasures() {
    try {
        return {erasures: await getJson('/api/erasures')};
    } catch (err) {
        // A server without the erasure workflow answers 404: show an empty queue, not an error.
        if (err instanceof HttpError && (err.status === 404 || err.status === 405)) return {unavailable: true};
        throw err;
    }
}

/** The log's status and, beside it, what each configured witness has cosigned. */
async function loadLog() {
    const [status, witnesses] = await Promise.all([getJson('/api/log/status'), getJson('/api/log/witnesses')]);
    return {...status, witnesses};
}

const PANELS = [
    {id: 'models', load: loadModels, render: renderModels},
    {id: 'erasures', load: loadErasures, render: renderErasures, always: true},
    {id: 'checkpoint', load: loadLog, render: renderLog, always: true},
    {id: 'costs', load: () => getJson('/api/costs'), render: renderCosts},
];

async function refresh() {
    const results = await Promise.allSettled(PANELS.map(p => p.load()));
    if (results.some(r => r.status === 'rejected' && r.reason instanceof HttpError && r.reason.status === 401)) {
        signOut('The token was not accepted. Sign in again.');
        return;
    }
    const data = {};
    results.forEach((result, i) => {
        const panel = PANELS[i];
        if (result.status === 'fulfilled') {
            data[panel.id] = result.value;
            renderPanel(panel, result.value);
        } else {
            const denied = result.reason instanceof HttpError && result.reason.status === 403;
            mount($(panel.id), problem(denied ? 'Your token\'s role may not see this panel.'
                : 'Could not load: ' + result.reason.message));
            lastRendered[panel.id] = null;
        }
    });
    mount($('summary'), summaryTiles(data));
    showRequestForm(data.erasures);
    $('refresh-state').textContent = 'updated ' + new Date().toLocaleTimeString();
    document.body.dataset.loaded = 'true';
}

/** Re-renders only what changed (time-based panels always), keeping open <details> open. */
function renderPanel(panel, value) {
    const key = JSON.stringify(value);
    if (!panel.always && lastRendered[panel.id] === key) return;
    lastRendered[panel.id] = key;
    const container = $(panel.id);
    const open = [...container.querySelectorAll('details[open]')].map(d => d.dataset.key);
    mount(container, panel.render(value));
    open.forEach(k => container.querySelector(`details[data-key="${CSS.escape(k)}"]`)?.setAttribute('open', ''));
}

function summaryTiles(data) {
    const models = data.models || [];
    const versions = models.reduce((n, m) => n + m.versions.length, 0);
    const deployed = models.filter(m => m.deployedVersion).length;
    const erasures = (data.erasures && data.erasures.erasures) || [];
    const open = erasures.filter(e => ['RECEIVED', 'IN_PROGRESS', 'EXTENDED', 'OVERDUE'].includes(e.status));
    const overdue = erasures.filter(e => isOverdue(e));
    const log = data.checkpoint;
    return [
        tile('Models', data.models ? formatInt(models.length) : '—', `${plural(versions, 'version')} · ${deployed} deployed`),
        tile('Open erasures', data.erasures ? formatInt(open.length) : '—',
            overdue.length ? `${overdue.length} overdue` : 'none overdue', overdue.length ? 'bad' : 'good'),
        tile('Completed erasures', data.erasures ? formatInt(erasures.filter(e => e.status === 'COMPLETED').length) : '—',
            plural(erasures.filter(e => e.certificateAvailable).length, 'certificate') + ' issued'),
        tile('Transparency log', log ? formatInt(log.treeSize) + ' leaves' : '—',
            log ? (log.verified ? '✓ checkpoint verifies' : '✗ ' + (log.problem || 'not verified')) : '',
            log ? (log.verified ? 'good' : 'bad') : ''),
    ];
}

function plural(n, noun) {
    return formatInt(n) + ' ' + noun + (n === 1 ? '' : 's');
}

function tile(label, value, detail, tone) {
    return h('div', {class: 'tile ' + (tone || '')}, h('div', {class: 'tile-label'}, label),
        h('div', {class: 'tile-value'}, value), h('div', {class: 'tile-detail'}, detail));
}

/** The erasure request form: built once, and only where the server offers the workflow. */
function showRequestForm(state) {
    const slot = $('erasure-request');
    if (!state) return; // a failed load says nothing about whether the workflow exists
    if (state.unavailable) {
        slot.replaceChildren();
    } else if (!slot.firstChild) {
        mount(slot, requestForm());
    }
}

function requestForm() {
    const result = h('span', {class: 'muted small', 'aria-live': 'polite'});
    return h('details', {class: 'request', 'data-key': 'request-erasure'}, h('summary', {}, 'Request an erasure'),
        h('form', {class: 'inline-form', onsubmit: async ev => {
            ev.preventDefault();
            const form = ev.target;
            try {
                const reply = await postJson('/api/erasures', {subjectId: form.subjectId.value.trim(),
                    requestedBy: form.requestedBy.value.trim()});
                result.textContent = 'Filed: ' + reply.erasureId;
                form.reset();
                refresh();
            } catch (err) {
                result.textContent = 'Refused: ' + err.message;
            }
        }},
        h('input', {name: 'subjectId', placeholder: 'subject id', required: true, autocomplete: 'off'}),
        h('input', {name: 'requestedBy', placeholder: 'requested by (e.g. DPO ticket)', required: true}),
        h('button', {type: 'submit'}, 'Request'), result));
}

function showDashboard() {
    $('sign-in').hidden = true;
    $('dashboard').hidden = false;
    $('sign-out').hidden = false;
    refresh();
    clearInterval(timer);
    timer = setInterval(refresh, REFRESH_MS);
}

function signOut(message) {
    clearInterval(timer);
    token.clear();
    $('dashboard').hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    $('refresh-state').textContent = 'not signed in';
    const error = $('sign-in-error');
    error.hidden = !message;
    error.textContent = message || '';
    $('token-input').focus();
}

function start() {
    takeTokenFromUrl();
    $('sign-in-form').addEventListener('submit', ev => {
        ev.preventDefault();
        token.set($('token-input').value.trim());
        $('token-input').value = '';
        showDashboard();
    });
    $('sign-out').addEventListener('click', () => signOut());
    if (token.get()) showDashboard(); else signOut();
}
start();
