// Relaxed SIMD for the CLI's keyword prefilter (src/cli/wasmFeatures.ts): on Node 20 (V8 11.3) the CLI
// turns V8's flag on for itself before anything is compiled; later Nodes ship the feature.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { needsRelaxedSimdFlag } from '../../../src/cli/wasmFeatures';
import { cliProcess, tempDir } from './support';

describe('relaxed SIMD in the CLI', () => {
  it('asks for the flag on V8 11.3 (every Node 20) only', () => {
    assert.equal(needsRelaxedSimdFlag('11.3.244.8-node.38'), true);
    assert.equal(needsRelaxedSimdFlag('11.3.244.8'), true);
    // Node 21 (11.8) and 22+ (12.x) ship relaxed SIMD: no flag, and a flag later V8s may not know.
    assert.equal(needsRelaxedSimdFlag('11.8.172.17-node.19'), false);
    assert.equal(needsRelaxedSimdFlag('12.4.254.21-node.33'), false);
    assert.equal(needsRelaxedSimdFlag('13.6.233.10-node.18'), false);
    assert.equal(needsRelaxedSimdFlag('10.2.154.26-node.36'), false);
    assert.equal(needsRelaxedSimdFlag(''), false);
    assert.equal(needsRelaxedSimdFlag('garbage'), false);
  });

  it('the bundled CLI runs the relaxed-SIMD build of the prefilter on this Node, and prints no V8 error', () => {
    const r = cliProcess(['--version', '--verbose'], tempDir('tc-relaxed-'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^keyword prefilter: simd \(WebAssembly, relaxed SIMD\)$/m);
    assert.equal(r.stderr, '');
  });
});
