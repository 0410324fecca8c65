// Models and their versions: lineage sizes, status, guarantee badges, the deployed version.
import {h, empty, shortHash, formatInt, ago, formatTime} from './dom.js';

const CAUSES = {TRAIN_BACKBONE: 'Backbone training', LEARN: 'Learn (LoRA slices)', ADAPT: 'Adapt (new branch)',
    FORGET: 'Forget'};
const GUARANTEE_HELP = {
    EXACT: 'The records are in no component of this version (slice retraining).',
    APPROXIMATE: 'The records are in the frozen backbone; an unlearning branch suppresses them.',
    REBASE: 'The backbone was reprogrammed without the records (write-verify cost recorded).',
};

export function renderModels(models) {
    if (models.length === 0) {
        return empty('No models registered yet.', 'Send lethe.RegisterModel on lethe.commands, or start with --demo.');
    }
    return models.map(modelCard);
}

function modelCard(model) {
    const maxLineage = Math.max(1, ...model.versions.map(v => v.lineageSize || 0));
    return h('article', {class: 'model', 'data-model-id': model.modelId},
        h('div', {class: 'model-head'},
            h('h3', {}, model.modelId),
            h('span', {class: 'tag'}, model.task),
            h('span', {class: 'tag subtle'}, model.preset),
            model.deployedVersion
                ? h('span', {class: 'deployed-pill'}, 'deployed v' + model.deployedVersion)
                : h('span', {class: 'tag warn'}, 'nothing deployed')),
        model.versions.length === 0 ? empty('No versions yet.') : versionTable(model, maxLineage));
}

function versionTable(model, maxLineage) {
    return h('table', {class: 'versions'},
        h('thead', {}, h('tr', {},
            h('th', {}, 'Version'), h('th', {}, 'Cause'), h('th', {}, 'Guarantee'), h('th', {}, 'Status'),
            h('th', {class: 'lineage-col'}, 'Lineage (records)'), h('th', {}, 'Digest'), h('th', {}, 'Created'))),
        h('tbody', {}, [...model.versions].reverse().map(v => versionRow(model, v, maxLineage))));
}

function versionRow(model, v, maxLineage) {
    const deployed = model.deployedVersion === v.version;
    return h('tr', {class: 'version' + (deployed ? ' is-deployed' : ''), 'data-version': v.version},
        h('td', {}, h('strong', {}, 'v' + v.version), deployed ? h('span', {class: 'deployed-dot', title: 'deployed'},
            ' ● deployed') : null),
        h('td', {}, CAUSES[v.cause] || v.cause),
        h('td', {}, v.guarantee ? guaranteeBadge(v.guarantee) : h('span', {class: 'muted'}, '—')),
        h('td', {}, statusChip(v.status)),
        h('td', {class: 'lineage-col'}, lineageBar(v.lineageSize, maxLineage)),
        h('td', {}, shortHash(v.digest, 8)),
        h('td', {title: formatTime(v.createdAt)}, ago(v.createdAt)));
}

export function guaranteeBadge(guarantee) {
    return h('span', {class: 'badge guarantee guarantee-' + guarantee, title: GUARANTEE_HELP[guarantee] || ''},
        guarantee);
}

export function statusChip(status) {
    return h('span', {class: 'chip status-' + (status || 'UNKNOWN')}, (status || 'unknown').replace('_', ' ').toLowerCase());
}

function lineageBar(size, max) {
    if (size === null || size === undefined) return h('span', {class: 'muted'}, '—');
    const pct = Math.round(100 * size / max);
    return h('div', {class: 'lineage'},
        h('div', {class: 'lineage-track'}, h('div', {class: 'lineage-fill', style: `width:${pct}%`})),
        h('span', {class: 'lineage-num'}, formatInt(size)));
}
