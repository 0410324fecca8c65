// Unit tests of the dashboard's formatting helpers, run by DashboardScriptsTest with Node's own test runner.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';

// dom.js is a browser module (a .js file with exports): load it as one, without a package.json beside it.
const source = readFileSync(new URL('../../main/resources/dashboard/dom.js', import.meta.url), 'utf8');
const dom = await import('data:text/javascript,' + encodeURIComponent(source));

test('a ratio above 1 is a saving', () => {
    assert.equal(dom.formatSaving(4), '4.0× lower');
    assert.equal(dom.formatSaving(147.76), '148× lower');
});

test('a ratio below 1 reads as the inverse factor, higher', () => {
    assert.equal(dom.formatSaving(0.4), '2.5× higher');
    assert.equal(dom.formatSaving(0.001), '1000× higher');
});

test('a ratio that rounds to 1 either way is about the same', () => {
    assert.equal(dom.formatSaving(1), 'about the same');
    assert.equal(dom.formatSaving(0.97), 'about the same');
    assert.equal(dom.formatSaving(1.04), 'about the same');
});

test('no ratio, zero or not a number is a dash', () => {
    for (const r of [null, undefined, 0, -2, NaN, Infinity]) {
        assert.equal(dom.formatSaving(r), '—', String(r));
    }
});

test('the tone says which way a ratio goes, for the colour', () => {
    assert.equal(dom.savingTone(4), 'better');
    assert.equal(dom.savingTone(0.4), 'worse');
    assert.equal(dom.savingTone(1.02), 'same');
    assert.equal(dom.savingTone(null), 'none');
});
