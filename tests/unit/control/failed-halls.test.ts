import { describe, expect, it } from 'vitest';
import { failedHalls } from '../../../control/lib/failedHalls.js';
import { withConsoleTexts } from '../../../web/i18n/console.js';
import { createLecternI18n, type Lang, type Translate } from '../../../web/i18n/index.js';

const names: Record<string, string> = { namba: 'I-site Namba', nakamozu: 'Conference Hall' };
const textsIn = (lang: Lang) => withConsoleTexts(createLecternI18n(lang)).global.t as Translate;
const mixed = {
  halls: [
    { hallId: 'namba', ok: true, revision: 4 },
    { hallId: 'nakamozu', ok: false, revision: 2, error: 'store_failed', message: 'the command was not saved: disk full' },
  ],
};

describe('the console names the halls a multi-hall action missed', () => {
  it('says which halls failed and why, and where it was done', () => {
    expect(failedHalls(mixed, (id) => names[id] ?? id, textsIn('en'))).toBe(
      'Not done in Conference Hall: the command was not saved: disk full. Done in I-site Namba.',
    );
  });

  it('falls back to the error code when no message came', () => {
    expect(failedHalls({ halls: [{ hallId: 'x', ok: false, revision: 0, error: 'forbidden' }] }, (id) => id, textsIn('en'))).toBe(
      'Not done in x: forbidden.',
    );
  });

  it('in Japanese on a console opened with ?lang=ja (the server’s reason as it came)', () => {
    expect(failedHalls(mixed, (id) => names[id] ?? id, textsIn('ja'))).toBe(
      '実行できなかった会場：Conference Hall: the command was not saved: disk full。実行した会場：I-site Namba。',
    );
  });
});
