// The simulator's cost panel: per model, ratio tiles (backbone vs. LoRA branch versions) and per-version charts.
import {h, empty, formatJoules, formatSeconds, formatSaving, savingTone, formatInt} from './dom.js';
import {versionEnergyChart, categoryLegend, ratioBar} from './charts.js';

export function renderCosts(costs) {
    const models = costs.models.filter(m => m.versions.length > 0);
    if (models.length === 0) {
        return empty('No simulator costs yet.', 'Costs appear when a version job completes.');
    }
    return [
        ...models.map(modelCosts),
        h('div', {class: 'legend-row'}, categoryLegend()),
        h('p', {class: 'muted small'},
            'Ratios divide the backbone version (trained into the analogue tiles by write-verify, as the ',
            'analogue-update baseline must do for every update) by the mean LoRA-branch version of the same model. ',
            'Per-sample inference energy is not recorded per version; ',
            h('code', {}, 'lethe sim report --task face'), ' reports it beside the paper\'s figures.'),
    ];
}

function modelCosts(model) {
    const total = model.versions.reduce((a, v) => a + v.energyJoules, 0);
    return h('article', {class: 'cost-model', 'data-model-id': model.modelId},
        h('div', {class: 'model-head'}, h('h3', {}, model.modelId),
            h('span', {class: 'tag'}, model.task), h('span', {class: 'tag subtle'}, model.preset),
            h('span', {class: 'muted small'}, 'all jobs: ' + formatJoules(total))),
        savingTiles(model),
        h('div', {class: 'chart-wrap'}, versionEnergyChart(model.versions)),
        versionFigures(model.versions));
}

function savingTiles(model) {
    const s = model.savings;
    if (!s) {
        return h('p', {class: 'muted small'}, 'Ratios need a backbone version and at least one branch version.');
    }
    return h('div', {class: 'savings'},
        saving('Training energy', s.trainingEnergyRatio, 'whole job, backbone ÷ branch version'),
        saving('Write energy (deployment)', s.programmingEnergyRatio,
            'analogue write-verify of the backbone ÷ SRAM writes of a branch'),
        saving('Job latency', s.latencyRatio, 'serial latency, backbone ÷ branch version'),
        h('p', {class: 'muted small savings-note'}, `mean over ${s.branchVersions} branch version(s)`));
}

function saving(label, ratio, help) {
    return h('div', {class: 'saving', title: help},
        h('div', {class: 'saving-label'}, label),
        h('div', {class: 'saving-value ' + savingTone(ratio)}, formatSaving(ratio)),
        ratio ? ratioBar(ratio) : null,
        h('div', {class: 'muted small'}, help));
}

function versionFigures(versions) {
    return h('details', {class: 'figures', 'data-key': 'figures-' + versions.map(v => v.version).join('-')}, h('summary', {}, 'Figures per version'),
        h('table', {class: 'versions compact'},
            h('thead', {}, h('tr', {}, ['Version', 'Energy', 'Latency', 'Write-verify pulses', 'SRAM bytes written']
                .map(t => h('th', {}, t)))),
            h('tbody', {}, versions.map(v => h('tr', {},
                h('td', {}, 'v' + v.version + (v.deployed ? ' (deployed)' : '')),
                h('td', {}, formatJoules(v.energyJoules)), h('td', {}, formatSeconds(v.latencySeconds)),
                h('td', {}, formatInt(v.programmingPulses)), h('td', {}, formatInt(v.sramBytesWritten)))))));
}
