// Hand-written SVG charts (nothing fetched from the internet). Each chart has a text title and labelled units.
import {h, s, formatJoules} from './dom.js';

export const CATEGORY_LABELS = {
    analogueProgramming: 'Analogue write-verify',
    analogueCompute: 'Analogue MVM (reads, DAC, ADC)',
    digitalCompute: 'Digital MACs',
    sram: 'SRAM reads/writes',
    host: 'Host fp32 (backbone training)',
};

/**
 * One row per version: the job's total energy on a log scale (bar, labelled in J) and, beside it, where the energy
 * went as a 100 % stacked bar by category.
 */
export function versionEnergyChart(versions) {
    const rowHeight = 30, top = 28, left = 150, barWidth = 320, gap = 100, shareWidth = 260;
    const width = left + barWidth + gap + shareWidth + 10;
    const height = top + versions.length * rowHeight + 26;
    const svg = s('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
        'aria-label': 'Energy per version'});
    const energies = versions.map(v => v.energyJoules).filter(e => e > 0);
    const scale = logScale(Math.min(...energies), Math.max(...energies), barWidth);

    svg.append(s('text', {x: left, y: 14, class: 'axis-title'}, 'Job energy (J, log scale)'));
    svg.append(s('text', {x: left + barWidth + gap, y: 14, class: 'axis-title'}, 'Where it went (% of job energy)'));
    versions.forEach((v, i) => {
        const y = top + i * rowHeight;
        svg.append(s('text', {x: left - 8, y: y + 15, class: 'row-label', 'text-anchor': 'end'},
            'v' + v.version + ' ' + shortCause(v)));
        const w = v.energyJoules > 0 ? Math.max(2, scale(v.energyJoules)) : 0;
        svg.append(s('rect', {x: left, y: y + 4, width: w, height: rowHeight - 10, rx: 3,
            class: 'bar cause-' + v.cause}, s('title', {}, formatJoules(v.energyJoules))));
        svg.append(s('text', {x: left + w + 6, y: y + 15, class: 'value'}, formatJoules(v.energyJoules)));
        svg.append(shareBar(v, left + barWidth + gap, y + 4, shareWidth, rowHeight - 10));
    });
    return svg;
}

function shortCause(v) {
    const cause = {TRAIN_BACKBONE: 'backbone', LEARN: 'learn', ADAPT: 'adapt', FORGET: 'forget'}[v.cause] || v.cause;
    return v.guarantee ? cause + ' ' + v.guarantee.slice(0, 5).toLowerCase() : cause;
}

function shareBar(v, x, y, width, height) {
    const g = s('g', {});
    const total = Object.values(v.energyByCategory).reduce((a, b) => a + b, 0);
    let offset = 0;
    for (const [category, joules] of Object.entries(v.energyByCategory)) {
        if (total <= 0 || joules <= 0) continue;
        const w = width * joules / total;
        g.append(s('rect', {x: x + offset, y, width: Math.max(w, 0.5), height, class: 'share cat-' + category},
            s('title', {}, `${CATEGORY_LABELS[category]}: ${formatJoules(joules)} (${(100 * joules / total).toFixed(1)} %)`)));
        offset += w;
    }
    g.append(s('rect', {x, y, width, height, class: 'share-frame', rx: 2}));
    return g;
}

/** A log10 scale from [min, max] onto [0, width], with some headroom so the smallest bar is visible. */
function logScale(min, max, width) {
    const lo = Math.log10(min) - 0.5, hi = Math.log10(max) + 0.05;
    const span = Math.max(hi - lo, 1e-9);
    return value => width * (Math.log10(value) - lo) / span;
}

/** A legend for the share bars (HTML, so long labels wrap instead of overlapping). */
export function categoryLegend() {
    return h('ul', {class: 'legend'}, Object.entries(CATEGORY_LABELS).map(([category, label]) =>
        h('li', {}, s('svg', {viewBox: '0 0 12 12', width: 12, height: 12, 'aria-hidden': 'true'},
            s('rect', {width: 12, height: 12, rx: 2, class: 'share cat-' + category})), label)));
}

/** A gauge-like bar: how many times cheaper, on a log scale up to 1000×. */
export function ratioBar(ratio) {
    // Below 1 the branch costs more: the bar shows the inverse factor, in the colour that says "worse".
    const worse = ratio > 0 && ratio < 1;
    const width = 160, v = Math.max(1, Math.min((worse ? 1 / ratio : ratio) || 1, 1000));
    const w = width * Math.log10(v) / 3;
    return s('svg', {viewBox: `0 0 ${width} 8`, class: 'ratio-bar', role: 'img',
            'aria-label': 'ratio on a log scale to 1000×'},
        s('rect', {x: 0, y: 0, width, height: 8, rx: 4, class: 'ratio-track'}),
        s('rect', {x: 0, y: 0, width: Math.max(w, 4), height: 8, rx: 4, class: worse ? 'ratio-fill worse' : 'ratio-fill'}));
}
