// Small DOM and formatting helpers. Everything the API returns goes in as text, never as HTML.

/** Creates an element: h('td', {class: 'x'}, 'text', child, ...). Null/false children are skipped. */
export function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
}

/** Creates an SVG element the same way. */
export function s(tag, attrs, ...children) {
    const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
}

function setAttrs(el, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === null || value === undefined || value === false) continue;
        if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
        else el.setAttribute(key, value === true ? '' : String(value));
    }
}

function append(el, children) {
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) continue;
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

/** Replaces a container's content. */
export function mount(container, ...children) {
    container.replaceChildren();
    append(container, children);
}

export function empty(text, detail) {
    return h('div', {class: 'empty'}, h('p', {}, text), detail ? h('p', {class: 'muted small'}, detail) : null);
}

export function problem(text) {
    return h('div', {class: 'problem'}, text);
}

/** "a1b2c3…x9" with the full value on hover, for hashes and pseudonyms. */
export function shortHash(value, keep = 10) {
    if (!value) return h('span', {class: 'muted'}, '—');
    const text = value.length > keep + 4 ? value.slice(0, keep) + '…' + value.slice(-4) : value;
    return h('code', {class: 'hash', title: value}, text);
}

export function formatInt(n) {
    return n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US');
}

/** Energy in the nearest SI unit: 3.2 mJ, 410 µJ, 12 nJ. */
export function formatJoules(j) {
    return formatSi(j, 'J');
}

export function formatSeconds(sec) {
    return formatSi(sec, 's');
}

function formatSi(value, unit) {
    if (value === null || value === undefined || !isFinite(value)) return '—';
    if (value === 0) return '0 ' + unit;
    const prefixes = [[1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, 'µ'], [1e-9, 'n'], [1e-12, 'p']];
    for (const [scale, prefix] of prefixes) {
        if (Math.abs(value) >= scale) return trim(value / scale) + ' ' + prefix + unit;
    }
    return trim(value / 1e-12) + ' p' + unit;
}

function trim(x) {
    return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export function formatRatio(r) {
    return r === null || r === undefined ? '—' : (r >= 100 ? r.toFixed(0) : r.toFixed(1)) + '×';
}

/**
 * A ratio "baseline ÷ ours" read as what it is: 4 is "4.0× lower", 0.4 is "2.5× higher" (ours costs more), and a
 * ratio that rounds to 1.0× either way is "about the same". A missing, zero or non-finite ratio is "—".
 */
export function formatSaving(ratio) {
    const tone = savingTone(ratio);
    if (tone === 'none') return '—';
    if (tone === 'same') return 'about the same';
    return formatRatio(ratio >= 1 ? ratio : 1 / ratio) + (tone === 'better' ? ' lower' : ' higher');
}

/** How a ratio "baseline ÷ ours" reads: 'better', 'same' (rounds to 1.0× either way), 'worse' or 'none'. */
export function savingTone(ratio) {
    if (!Number.isFinite(ratio) || ratio <= 0) return 'none';
    if (formatRatio(ratio >= 1 ? ratio : 1 / ratio) === '1.0×') return 'same';
    return ratio > 1 ? 'better' : 'worse';
}

export function formatTime(iso) {
    if (!iso) return '—';
    return new Date(iso).toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'});
}

/** "3 d 4 h", "25 min", "just now": a duration for humans. */
export function formatDuration(ms) {
    const abs = Math.abs(ms);
    const min = Math.floor(abs / 60000);
    const hours = Math.floor(min / 60);
    const days = Math.floor(hours / 24);
    if (days >= 1) return days + ' d ' + (hours % 24) + ' h';
    if (hours >= 1) return hours + ' h ' + (min % 60) + ' min';
    if (min >= 1) return min + ' min';
    return '< 1 min';
}

export function ago(iso) {
    if (!iso) return '—';
    return formatDuration(Date.now() - new Date(iso).getTime()) + ' ago';
}
