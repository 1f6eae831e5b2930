import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as path from 'node:path';
import * as os from 'node:os';
import { appendFile, lstat, mkdir, mkdtemp, open, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createScanner, type Finding } from '../../../src/engine';
import { displayPath, findHistoryTokens, historyLocations, parseHistory, removeEntries, scrubHistory, scrubHistoryFile, shellFromPath } from '../../../src/terminal/history';
import { githubToken, npmToken } from '../../support/fakes';
import { pem } from '../../support/tokens/privateKeys';

const { scanner } = createScanner();
const scan = (t: string): Finding[] => scanner.scan(t);
const HOME = path.resolve('/home/ada');

describe('history locations', () => {
  it('lists bash, zsh and fish defaults under home', () => {
    assert.deepEqual(historyLocations({}, HOME), [
      { path: path.join(HOME, '.bash_history'), shell: 'bash' },
      { path: path.join(HOME, '.zsh_history'), shell: 'zsh' },
      { path: path.join(HOME, '.local', 'share', 'fish', 'fish_history'), shell: 'fish' },
    ]);
  });

  it('puts $HISTFILE first, honours ZDOTDIR and XDG_DATA_HOME, and drops duplicates', () => {
    const locs = historyLocations({ HISTFILE: '/tmp/h/zsh_hist', ZDOTDIR: '/cfg/zsh', XDG_DATA_HOME: '/data' }, HOME);
    assert.deepEqual(locs.map((l) => [l.path, l.shell]), [
      [path.resolve('/tmp/h/zsh_hist'), 'zsh'],
      [path.join(HOME, '.bash_history'), 'bash'],
      [path.resolve('/cfg/zsh/.zsh_history'), 'zsh'],
      [path.join(HOME, '.zsh_history'), 'zsh'],
      [path.resolve('/data/fish/fish_history'), 'fish'],
    ]);
    assert.equal(historyLocations({ HISTFILE: path.join(HOME, '.bash_history') }, HOME).length, 3);
    assert.equal(historyLocations({ HISTFILE: '~/.myhist' }, HOME)[0]!.path, path.join(HOME, '.myhist'));
  });

  it('guesses the shell from a file name', () => {
    assert.equal(shellFromPath('/x/.zsh_history'), 'zsh');
    assert.equal(shellFromPath('/x/fish_history'), 'fish');
    assert.equal(shellFromPath('/x/.histfile'), 'bash');
  });

  it('shows paths under home with ~', () => {
    assert.equal(displayPath(path.join(HOME, '.bash_history'), HOME), '~/.bash_history');
    assert.equal(displayPath('/etc/x', HOME), '/etc/x');
  });
});

describe('history entries', () => {
  it('bash: one line per entry, a #timestamp line belongs to the next command', () => {
    const text = 'ls\n#1700000000\necho hi\npwd';
    const e = parseHistory(text, 'bash');
    assert.deepEqual(e.map((x) => text.slice(x.start, x.end)), ['ls\n', '#1700000000\necho hi\n', 'pwd']);
    assert.deepEqual(e.map((x) => [x.line, x.lines]), [[1, 1], [2, 2], [4, 1]]);
  });

  it('zsh: extended format with backslash continuations', () => {
    const text = ': 1700000000:0;ls\n: 1700000001:0;echo a \\\nb\n: 1700000002:0;echo c\\\\\n';
    const e = parseHistory(text, 'zsh');
    assert.deepEqual(e.map((x) => text.slice(x.start, x.end)), [': 1700000000:0;ls\n', ': 1700000001:0;echo a \\\nb\n', ': 1700000002:0;echo c\\\\\n']);
  });

  it('fish: an entry runs from "- cmd:" to the next one', () => {
    const text = '- cmd: ls\n  when: 1700000000\n- cmd: cd x\n  when: 1700000001\n  paths:\n    - x\n';
    const e = parseHistory(text, 'fish');
    assert.deepEqual(e.map((x) => text.slice(x.start, x.end)), ['- cmd: ls\n  when: 1700000000\n', '- cmd: cd x\n  when: 1700000001\n  paths:\n    - x\n']);
  });

  it('keeps CRLF line breaks inside the entry', () => {
    const text = 'a\r\nb\r\n';
    assert.deepEqual(parseHistory(text, 'bash').map((x) => text.slice(x.start, x.end)), ['a\r\n', 'b\r\n']);
  });
});

describe('scrubbing', () => {
  it('bash: removes exactly the lines holding tokens (with their timestamps)', () => {
    const t1 = githubToken();
    const t2 = npmToken();
    const text = `ls -la\n#1700000000\nexport GITHUB_TOKEN=${t1}\ngit status\ncurl -H "Authorization: Bearer ${t2}" https://example.test\necho done\n`;
    const r = scrubHistory(text, 'bash', scan);
    assert.equal(r.text, 'ls -la\ngit status\necho done\n');
    assert.equal(r.entries.length, 2);
    assert.equal(r.removedLines, 3);
    assert.deepEqual(r.entries.flatMap((e) => e.findings.map((f) => f.ruleId)).sort(), ['github-pat-classic', 'npm-access-token'].sort());
    assert.ok(!r.text.includes(t1) && !r.text.includes(t2));
  });

  it('zsh extended: removes the whole (multi-line) entry', () => {
    const t = githubToken();
    const text = `: 1700000000:0;ls\n: 1700000001:0;curl -u me:${t} \\\n  https://api.example.test\n: 1700000002:0;pwd\n`;
    const r = scrubHistory(text, 'zsh', scan);
    assert.equal(r.text, ': 1700000000:0;ls\n: 1700000002:0;pwd\n');
    assert.equal(r.removedLines, 2);
  });

  it('fish: removes the whole entry with its when/paths lines', () => {
    const t = githubToken();
    const text = `- cmd: ls\n  when: 1700000000\n- cmd: set -x GH_TOKEN ${t}\n  when: 1700000001\n  paths:\n    - x\n- cmd: pwd\n  when: 1700000002\n`;
    const r = scrubHistory(text, 'fish', scan);
    assert.equal(r.text, '- cmd: ls\n  when: 1700000000\n- cmd: pwd\n  when: 1700000002\n');
    assert.equal(r.removedLines, 4);
  });

  it('leaves a clean history (and non-UTF-8 bytes read as latin1) unchanged', () => {
    const text = Buffer.from([0x6c, 0x73, 0x0a, 0x83, 0xa9, 0x0a]).toString('latin1');
    const r = scrubHistory(text, 'zsh', scan);
    assert.equal(r.text, text);
    assert.equal(r.entries.length, 0);
    assert.deepEqual(findHistoryTokens('', 'bash', scan), []);
  });

  it('removes the last entry of a file without a final newline', () => {
    const t = githubToken();
    assert.equal(scrubHistory(`ls\necho ${t}`, 'bash', scan).text, 'ls\n');
  });

  it('removeEntries ignores overlapping ranges', () => {
    assert.equal(removeEntries('abcdef', [{ start: 1, end: 3 }, { start: 2, end: 4 }, { start: 5, end: 6 }]), 'ade');
  });
});

describe('issue 11 #7: history scrub leaves no token and loses no command', () => {
  it('a PEM key pasted at a bash prompt (one entry per line): every line of it goes', () => {
    const key = pem('rsa');
    const text = `ls -la\n${key}echo after\n`;
    assert.ok(key.split('\n').length > 20);
    const r = scrubHistory(text, 'bash', scan);
    assert.equal(r.text, 'ls -la\necho after\n');
    assert.equal(r.removedLines, key.trimEnd().split('\n').length);
  });

  it('a symlinked history file: the real target is scrubbed and the link stays a link', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tc-hist-'));
    try {
      const real = path.join(dir, 'dotfiles', 'bash_history');
      await mkdir(path.dirname(real));
      const tok = githubToken('ghp');
      await writeFile(real, `ls\nexport GITHUB_TOKEN=${tok}\necho ok\n`);
      const link = path.join(dir, '.bash_history');
      await symlink(real, link);
      const r = await scrubHistoryFile(link, 'bash', scan);
      assert.ok(r);
      assert.equal(r.file, await realpath(real));
      assert.ok((await lstat(link)).isSymbolicLink(), 'the link is still a link');
      assert.equal(await readFile(real, 'utf8'), 'ls\necho ok\n');
      assert.ok((await readFile(r.backup, 'utf8')).includes(tok), 'the backup keeps the original');
      assert.equal((await stat(r.backup)).mode & 0o777, 0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('commands appended during the scrub (before and after the rename) are kept in the file and the backup', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tc-hist-'));
    try {
      const file = path.join(dir, '.bash_history');
      const tok = githubToken('ghp');
      await writeFile(file, `ls\ncurl -H "Authorization: token ${tok}" https://api.github.com/user\n`);
      const shell = await open(file, 'a'); // a shell that opened the history before the rename
      let before = 0;
      const r = await scrubHistoryFile(file, 'bash', scan, {
        beforeReplace: async (f) => {
          if (before++ === 0) await appendFile(f, 'echo appended-before-rename\n');
        },
        afterReplace: async () => {
          await shell.write(`echo appended-after-rename\nexport NPM_TOKEN=${npmToken()}\n`);
          await shell.close();
        },
      });
      assert.ok(r);
      assert.equal(before, 2, 'the pass started over once the file had changed');
      const now = await readFile(file, 'utf8');
      assert.equal(now, 'ls\necho appended-before-rename\necho appended-after-rename\n');
      const backup = await readFile(r.backup, 'utf8');
      assert.ok(backup.includes('echo appended-before-rename') && backup.includes('echo appended-after-rename'), backup);
      assert.ok(!/gh[p]_|npm_/.test(now), 'no token left in the file');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
