import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ObsConfigError, loadObsConfig, parseObsConfig } from '../../../server/obs/obs.config.js';
import { tempDir } from '../../support/server.js';

const scenes = { talk: 'Talk', qa: 'Q&A', break: 'Break', hold: 'Hold', idle: 'Starting soon', ended: 'Ended' };

async function problemsOf(raw: unknown, env: NodeJS.ProcessEnv = {}, dir = tempDir()): Promise<string[]> {
  try {
    await parseObsConfig(raw, join(dir, 'obs.json'), env);
  } catch (error) {
    if (error instanceof ObsConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('OBS config', () => {
  it('reads halls with the password from an env variable or a secrets file next to the config', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nakamozu.secret'), 's3cret-file\n');
    const file = join(dir, 'obs.json');
    writeFileSync(
      file,
      JSON.stringify({
        halls: {
          namba: {
            url: 'ws://10.0.0.21:4455',
            passwordEnv: 'OBS_NAMBA',
            scenes,
            privacyScene: 'Privacy',
            textInputs: { title: 'Title' },
          },
          nakamozu: {
            url: 'wss://obs.example.org/ws',
            passwordFile: 'nakamozu.secret',
            scenes,
            privacyScene: 'Privacy',
            pauseRecordingForDoNotRecord: false,
          },
        },
      }),
    );
    const config = await loadObsConfig(file, { OBS_NAMBA: 's3cret-env' });
    expect(config.chapterMinSeconds).toBe(10);
    expect(config.halls).toEqual([
      expect.objectContaining({
        hallId: 'namba',
        password: 's3cret-env',
        textInputs: { title: 'Title' },
        pauseRecordingForDoNotRecord: true,
      }),
      expect.objectContaining({
        hallId: 'nakamozu',
        password: 's3cret-file',
        textInputs: {},
        pauseRecordingForDoNotRecord: false,
      }),
    ]);
  });

  it('names the path of every mistake', async () => {
    const problems = await problemsOf({
      halls: {
        namba: {
          url: 'http://obs',
          scenes: { ...scenes, qa: '' },
          privacyScene: 'P',
          passwordEnv: 'A',
          passwordFile: 'b',
          colour: 'red',
        },
        'Bad Hall': { url: 'ws://x:1', scenes, privacyScene: 'P' },
      },
      chapters: { minSeconds: -1 },
    });
    expect(problems.join('\n')).toMatch(/halls\.namba\.url: a ws:\/\//);
    expect(problems.join('\n')).toMatch(/halls\.namba\.scenes\.qa: a scene name/);
    expect(problems.join('\n')).toMatch(/halls\.namba: Unrecognized key: "colour"/);
    expect(problems).toContain('halls.Bad Hall: not a hall id: lowercase letters, digits and dashes, as in the program');
    expect(problems.join('\n')).toMatch(/chapters\.minSeconds/);
  });

  it('says which env variable is missing or which secrets file is unreadable, never a password', async () => {
    const problems = await problemsOf({
      halls: {
        namba: { url: 'ws://x:1', passwordEnv: 'OBS_NOT_SET', scenes, privacyScene: 'P' },
        nakamozu: { url: 'ws://x:2', passwordFile: 'missing.secret', scenes, privacyScene: 'P' },
      },
    });
    expect(problems[0]).toBe('halls.namba.passwordEnv: environment variable OBS_NOT_SET is not set');
    expect(problems[1]).toMatch(/^halls\.nakamozu\.passwordFile: cannot read .*missing\.secret \(ENOENT\)$/);
  });

  it('rejects a file that is not JSON, naming the file', async () => {
    const dir = tempDir();
    const file = join(dir, 'obs.json');
    writeFileSync(file, '{ halls: ');
    await expect(loadObsConfig(file, {})).rejects.toThrow(/obs\.json:\n {2}\(file\): not valid JSON/);
  });
});
