import { describe, expect, it } from 'vitest';
import { applyCommand, liveView, type LiveView } from '../../../shared/index.js';
import {
  chapterItem,
  desiredScene,
  overlayText,
  recordingMustPause,
  speakerLine,
  speakerNames,
} from '../../../server/obs/obs.plan.js';
import { demoProgram, idle, tokyo } from '../../support/demo.js';

const plan = {
  scenes: { talk: 'Talk', qa: 'Q&A', break: 'Break', hold: 'Hold', idle: 'Starting soon', ended: 'Ended' },
  privacyScene: 'Privacy',
};

/** The demo program with the opening on its own scene and two talks restricted. */
function program() {
  const base = demoProgram();
  const change: Record<string, object> = {
    'namba-2025-10-02-0930': { obsScene: 'Wide' },
    'namba-2025-10-02-1105': { doNotRecord: true },
    'namba-2025-10-02-1145': { doNotStream: true },
  };
  return { ...base, items: base.items.map((item) => ({ ...item, ...change[item.id] })) };
}

/** The live view of hall namba after the chair's commands, all sent at `at`. */
function after(at: string, ...commands: Parameters<typeof applyCommand>[2][]): LiveView {
  const p = program();
  const now = tokyo(at);
  let state = idle('namba');
  for (const command of commands) {
    const outcome = applyCommand(p, state, command, now);
    if (!outcome.ok) throw new Error(outcome.message);
    state = outcome.state;
  }
  return liveView(p, state, now);
}

describe('desiredScene: the scene derived from the live view', () => {
  it('follows the phase: starting soon, talk, Q&A, break, hold, ended', () => {
    expect(desiredScene(after('2025-10-02T08:50'), plan)).toEqual({ scene: 'Starting soon', reason: 'phase idle' });
    const talk = { type: 'goto', itemId: 'namba-2025-10-02-0940' } as const;
    expect(desiredScene(after('2025-10-02T09:40', talk), plan).scene).toBe('Talk');
    expect(desiredScene(after('2025-10-02T10:10', talk, { type: 'qa' }), plan).scene).toBe('Q&A');
    expect(desiredScene(after('2025-10-02T10:15', talk, { type: 'break', minutes: 5 }), plan).scene).toBe('Break');
    expect(desiredScene(after('2025-10-02T10:15', talk, { type: 'hold' }), plan).scene).toBe('Hold');
    const lastOfDay = {
      type: 'goto',
      itemId: program()
        .items.filter((i) => i.hallId === 'namba' && i.start < tokyo('2025-10-03T00:00'))
        .at(-1)!.id,
    } as const;
    expect(desiredScene(after('2025-10-02T18:00', lastOfDay, { type: 'next' }), plan).scene).toBe('Ended');
  });

  it("an item's own scene wins in talk, Q&A and break, but not over a hold", () => {
    const opening = { type: 'goto', itemId: 'namba-2025-10-02-0930' } as const;
    expect(desiredScene(after('2025-10-02T09:30', opening), plan)).toEqual({ scene: 'Wide', reason: 'talk: scene of Opening' });
    expect(desiredScene(after('2025-10-02T09:30', opening, { type: 'qa' }), plan).scene).toBe('Wide');
    expect(desiredScene(after('2025-10-02T09:30', opening, { type: 'hold' }), plan).scene).toBe('Hold');
  });

  it('an unattended hall follows its printed schedule', () => {
    expect(desiredScene(after('2025-10-02T10:55'), plan)).toMatchObject({ scene: 'Break' });
    expect(desiredScene(after('2025-10-02T11:10'), plan)).toMatchObject({ scene: 'Privacy' });
  });

  it('do-not-record and do-not-stream items get the privacy scene in every phase, hold included', () => {
    const jung = { type: 'goto', itemId: 'namba-2025-10-02-1105' } as const;
    const tsuchiya = { type: 'goto', itemId: 'namba-2025-10-02-1145' } as const;
    expect(desiredScene(after('2025-10-02T11:05', jung), plan).reason).toContain('do not record');
    expect(desiredScene(after('2025-10-02T11:05', jung, { type: 'qa' }), plan).scene).toBe('Privacy');
    expect(desiredScene(after('2025-10-02T11:05', jung, { type: 'hold' }), plan).scene).toBe('Privacy');
    expect(desiredScene(after('2025-10-02T11:45', tsuchiya), plan)).toMatchObject({
      scene: 'Privacy',
      reason: expect.stringContaining('do not stream'),
    });
  });
});

describe('consent, chapters and text', () => {
  const jung = after('2025-10-02T11:05', { type: 'goto', itemId: 'namba-2025-10-02-1105' });
  const tsuchiya = after('2025-10-02T11:45', { type: 'goto', itemId: 'namba-2025-10-02-1145' });

  it('pauses the recording only for do-not-record items, and only when the hall says so', () => {
    expect(recordingMustPause(jung, true)).toBe(true);
    expect(recordingMustPause(jung, false)).toBe(false);
    // Do not stream: OBS would record the privacy slate, so the recording pauses too.
    expect(recordingMustPause(tsuchiya, true)).toBe(true);
    expect(recordingMustPause(tsuchiya, false)).toBe(false);
  });

  it('gives no chapter to a do-not-record or do-not-stream item, nor when nothing is on', () => {
    expect(chapterItem(jung)).toBeNull();
    expect(chapterItem(tsuchiya)).toBeNull();
    expect(chapterItem(after('2025-10-02T08:50'))).toBeNull();
  });

  it('writes the item on now, the coming one while idle, nothing once ended', () => {
    expect(overlayText(tsuchiya)).toEqual({
      title: 'Electronic Functions and Applications of Solid State Ionic Devices',
      speaker: expect.stringMatching(/^Takashi Tsuchiya \(/),
    });
    // The coming item is onsite only: never named on the stream.
    expect(overlayText(after('2025-10-02T08:50')).title).toBe('');
  });

  it("writes the title and speakers in the hall's stream language where the program has it", () => {
    const item = {
      ...tsuchiya.now!,
      title: 'Opening',
      titles: { ja: '開会' },
      speakers: [
        { name: 'Masahiro Tatsumisago', names: { ja: '辰巳砂 昌弘' }, affiliation: 'OMU', affiliations: { ja: '大阪公立大学' } },
      ],
      doNotStream: false,
    };
    const view = { ...tsuchiya, now: item };
    expect(overlayText(view, 'ja')).toEqual({ title: '開会', speaker: '辰巳砂 昌弘 (大阪公立大学)' });
    expect(overlayText(view, 'fr')).toEqual({ title: 'Opening', speaker: 'Masahiro Tatsumisago (OMU)' });
    expect(overlayText(view)).toEqual(overlayText(view, 'fr'));
  });

  it('names speakers: the presenter with affiliation, at most three names in a chapter', () => {
    const people = ['A', 'B', 'C', 'D'].map((name) => ({ name, affiliation: `${name} Univ.` }));
    expect(speakerLine(people.slice(0, 1))).toBe('A (A Univ.)');
    expect(speakerLine(people.slice(0, 2))).toBe('A (A Univ.), B');
    expect(speakerLine(people)).toBe('A (A Univ.), B, C et al.');
    expect(speakerNames(people)).toBe('A, B, C et al.');
    expect(speakerNames([{ name: '辰巳砂 昌弘', affiliation: '' }])).toBe('辰巳砂 昌弘');
  });
});

describe('kind scenes and onsite-only items', () => {
  const kinds = { ...plan, kindScenes: { ceremony: 'Stage', social: 'Party' }, onsiteScene: 'Onsite slate' };

  it('an onsite-only item (Registration at 09:29) puts the stream on the idle scene, or scenes.onsite', () => {
    const registration = after('2025-10-02T09:29');
    expect(desiredScene(registration, plan)).toEqual({ scene: 'Starting soon', reason: 'onsite only: Registration (Onsite)' });
    expect(desiredScene(registration, kinds).scene).toBe('Onsite slate');
    expect(overlayText(registration)).toMatchObject({
      title: 'Opening',
      speaker: expect.stringMatching(/^Masahiro Tatsumisago/),
    });
  });

  it('a kind scene replaces the phase scene; an onsite item takes its kind scene; an onsite break keeps Break', () => {
    const closing = after('2025-10-02T17:00');
    expect(desiredScene(closing, kinds)).toEqual({ scene: 'Stage', reason: 'talk: scene of kind ceremony' });
    expect(desiredScene(after('2025-10-02T18:30'), kinds).scene).toBe('Party');
    expect(desiredScene(after('2025-10-02T17:10'), kinds).scene).toBe('Onsite slate');
    expect(desiredScene(after('2025-10-02T12:30'), kinds).scene).toBe('Break');
  });

  it('privacy outranks kind and onsite scenes', () => {
    const p = { ...kinds, kindScenes: { talk: 'Kind talk' } };
    expect(desiredScene(after('2025-10-02T11:10'), p).scene).toBe('Privacy');
  });
});
