import { describe, expect, it } from 'vitest';
import {
  QuestionNameSchema,
  QuestionTextSchema,
  applyCommand,
  applyEnvelope,
  cleanQuestionText,
  foldForMatch,
  heldWordIn,
  isDeviceId,
  liveView,
  orderQuestions,
  viewerStatusOf,
  type Command,
  type CommandInputs,
  type HallState,
  type OnAirQuestion,
} from '../../../shared/index.js';
import { demoProgram, idle, tokyo } from '../../support/demo.js';

describe('cleanQuestionText', () => {
  it('removes control characters and the bidi embeddings, overrides and isolates', () => {
    expect(cleanQuestionText('a\u0000b\u0007c\u001Bd\u007Fe\u0085f')).toBe('abcdef');
    expect(cleanQuestionText('\u202Eevil\u202C \u202Aa\u202B \u2066b\u2067c\u2068d\u2069')).toBe('evil a bcd');
  });

  it('makes line breaks and tabs spaces, and trims', () => {
    expect(cleanQuestionText('  one\ntwo\r\nthree\tfour  ')).toBe('one two  three four');
  });

  it('keeps markup, entities, emoji, CJK and the bidi marks verbatim (every screen renders it as text)', () => {
    const text = '<b>bold</b> <img src=x onerror=alert(1)> &amp; 🎤 質問 \u200Fשלום\u200E';
    expect(cleanQuestionText(text)).toBe(text);
  });
});

describe('QuestionTextSchema', () => {
  const parse = (text: string) => QuestionTextSchema.safeParse(text);

  it('answers the cleaned text', () => {
    expect(parse('  <b>Why?</b>\u202E  ')).toEqual({ success: true, data: '<b>Why?</b>' });
  });

  it('refuses a text that is empty once cleaned', () => {
    expect(parse('').success).toBe(false);
    expect(parse(' \u202E\u0007\n ').success).toBe(false);
  });

  it('counts 280 characters (code points), not UTF-16 units; longer is refused, never cut', () => {
    expect(parse('x'.repeat(280)).success).toBe(true);
    expect(parse('x'.repeat(281)).success).toBe(false);
    // 280 emoji are 560 UTF-16 units.
    expect(parse('🎤'.repeat(280)).success).toBe(true);
    expect(parse('🎤'.repeat(281)).success).toBe(false);
    // A flag is two code points: 140 of them are 280 characters.
    expect(parse('🇯🇵'.repeat(140)).success).toBe(true);
    expect(parse('🇯🇵'.repeat(141)).success).toBe(false);
    // Removed characters do not count.
    expect(parse(`${'x'.repeat(280)}\u202E\u202C`).success).toBe(true);
  });
});

describe('QuestionNameSchema', () => {
  it('cleans the name, keeps markup, and reads an empty one as none', () => {
    expect(QuestionNameSchema.parse('  Aiko <b>  ')).toBe('Aiko <b>');
    expect(QuestionNameSchema.parse(' \u202E ')).toBeUndefined();
  });

  it('takes at most 60 characters', () => {
    expect(QuestionNameSchema.safeParse('🎤'.repeat(60)).success).toBe(true);
    expect(QuestionNameSchema.safeParse('n'.repeat(61)).success).toBe(false);
  });
});

describe('held words', () => {
  it('match as case- and width-insensitive substrings, also inside CJK text', () => {
    expect(heldWordIn('Buy CHEAP pills', ['cheap'])).toBe('cheap');
    expect(heldWordIn('ＳＰＡＭ here', ['spam'])).toBe('spam');
    expect(heldWordIn('this is spam', ['ＳＰＡＭ'])).toBe('ＳＰＡＭ');
    expect(heldWordIn('この発表は宣伝ですか', ['宣伝'])).toBe('宣伝');
  });

  it('answer the first word of the list that matches, or undefined; a blank word matches nothing', () => {
    expect(heldWordIn('spam and eggs', ['eggs', 'spam'])).toBe('eggs');
    expect(heldWordIn('a fine question', ['spam'])).toBeUndefined();
    expect(heldWordIn('a fine question', ['  ', ''])).toBeUndefined();
    expect(heldWordIn('a fine question', [])).toBeUndefined();
  });

  it('fold with NFKC and lower case', () => {
    expect(foldForMatch('ＡＢＣ Déjà ｶﾀｶﾅ')).toBe('abc déjà カタカナ');
  });
});

describe('orderQuestions', () => {
  type Ordered = { id: string; position: number | null; starred: boolean; votes: number; createdAt: number };
  const q = (id: string, fields: Partial<Ordered> = {}): Ordered => ({
    id,
    position: null,
    starred: false,
    votes: 0,
    createdAt: 1000,
    ...fields,
  });
  const ids = (list: Ordered[]) => orderQuestions(list).map((question) => question.id);

  it('without a moderator order: starred first, then more votes, then older, then by id', () => {
    const list = [
      q('young', { createdAt: 3000 }),
      q('voted', { votes: 5 }),
      q('starred', { starred: true }),
      q('old', { createdAt: 500 }),
      q('b'),
      q('a'),
      q('starred-voted', { starred: true, votes: 1 }),
    ];
    expect(ids(list)).toEqual(['starred-voted', 'starred', 'voted', 'old', 'a', 'b', 'young']);
  });

  it("after a reorder: the moderator's places first (beating stars and votes), the rest after in the default order", () => {
    const list = [
      q('starred', { starred: true, votes: 9 }),
      q('second', { position: 1 }),
      q('voted', { votes: 3 }),
      q('first', { position: 0 }),
    ];
    expect(ids(list)).toEqual(['first', 'second', 'starred', 'voted']);
  });

  it('answers a new array and leaves its input alone', () => {
    const list = [q('b', { votes: 1 }), q('a', { votes: 2 })];
    const ordered = orderQuestions(list);
    expect(ordered).not.toBe(list);
    expect(list.map((question) => question.id)).toEqual(['b', 'a']);
  });
});

describe('what a viewer sees', () => {
  it('of their own question: received (pending or rejected alike), listed, answered', () => {
    expect(viewerStatusOf('pending')).toBe('received');
    expect(viewerStatusOf('rejected')).toBe('received');
    expect(viewerStatusOf('approved')).toBe('listed');
    expect(viewerStatusOf('answered')).toBe('answered');
  });

  it('a device id is 8 to 100 letters, digits, - or _', () => {
    expect(isDeviceId('0f8b6c1e-2a4d-4c3e-9b7a-5d6e7f8a9b0c')).toBe(true);
    expect(isDeviceId('short')).toBe(false);
    expect(isDeviceId('bad device!')).toBe(false);
    expect(isDeviceId('x'.repeat(101))).toBe(false);
  });
});

describe('showQuestion and hideQuestion', () => {
  const program = demoProgram();
  const P1 = 'namba-2025-10-02-0940';
  const onAir: OnAirQuestion = { id: 'q_1', text: 'What about the cost?', name: 'Ken' };
  const other: OnAirQuestion = { id: 'q_2', text: 'And the speed?', name: null };

  function apply(state: HallState, command: Command, local: string, inputs: CommandInputs = {}) {
    return applyCommand(program, state, command, tokyo(local), inputs);
  }
  function accepted(state: HallState, command: Command, local: string, inputs: CommandInputs = {}): HallState {
    const outcome = apply(state, command, local, inputs);
    if (!outcome.ok) throw new Error(`${command.type} at ${local} rejected: ${outcome.message}`);
    return outcome.state;
  }
  const talk = () => accepted(idle('namba'), { type: 'goto', itemId: P1 }, '2025-10-02T09:40');
  const show = (question: OnAirQuestion) => ({ type: 'showQuestion' as const, questionId: question.id });

  it('puts an approved question on air during a talk, with a copy of it in the state and the live view', () => {
    const start = talk();
    const inputs = { question: { ...onAir } };
    const state = accepted(start, show(onAir), '2025-10-02T09:50', inputs);
    expect(state.question).toEqual(onAir);
    expect(state.question).not.toBe(inputs.question);
    expect(state.revision).toBe(start.revision + 1);
    expect(liveView(program, state, tokyo('2025-10-02T09:50')).question).toEqual(onAir);
  });

  it('refuses a question the server did not look up as approved (unknown_question), the state unchanged', () => {
    const start = talk();
    for (const inputs of [{}, { question: other }]) {
      const outcome = apply(start, show(onAir), '2025-10-02T09:50', inputs);
      expect(outcome).toMatchObject({ ok: false, code: 'unknown_question' });
      expect(outcome.state).toBe(start);
    }
  });

  it('is refused while the hall follows the schedule: a chair must start the item first', () => {
    const state = idle('namba');
    // The schedule has the talk on now, but no chair started it.
    expect(liveView(program, state, tokyo('2025-10-02T09:50'))).toMatchObject({ source: 'schedule', now: { id: P1 } });
    const outcome = apply(state, show(onAir), '2025-10-02T09:50', { question: onAir });
    expect(outcome).toMatchObject({ ok: false, code: 'not_applicable' });
    expect(outcome.state).toBe(state);
  });

  it('refuses the question already on air; another one replaces it', () => {
    const shown = accepted(talk(), show(onAir), '2025-10-02T09:50', { question: onAir });
    expect(apply(shown, show(onAir), '2025-10-02T09:51', { question: onAir })).toMatchObject({
      ok: false,
      code: 'not_applicable',
    });
    expect(accepted(shown, show(other), '2025-10-02T09:51', { question: other }).question).toEqual(other);
  });

  it('refuses a stale revision', () => {
    const start = talk();
    const shown = applyEnvelope(program, start, { ...show(onAir), expectRevision: start.revision }, tokyo('2025-10-02T09:50'), {
      question: onAir,
    });
    expect(shown.ok).toBe(true);
    const stale = applyEnvelope(
      program,
      shown.state,
      { type: 'hideQuestion', expectRevision: start.revision },
      tokyo('2025-10-02T09:51'),
    );
    expect(stale).toMatchObject({ ok: false, code: 'stale_revision' });
    expect(stale.state).toBe(shown.state);
    expect(stale.state.question).toEqual(onAir);
  });

  it('stays on air while the item does (Q&A, hold, back from Q&A to the talk) and goes off when it changes', () => {
    const shown = accepted(talk(), show(onAir), '2025-10-02T09:50', { question: onAir });
    const qa = accepted(shown, { type: 'qa' }, '2025-10-02T10:10');
    expect(qa.question).toEqual(onAir);
    expect(accepted(qa, { type: 'hold' }, '2025-10-02T10:11').question).toEqual(onAir);
    expect(accepted(qa, { type: 'next' }, '2025-10-02T10:20').question).toBeNull();
    expect(accepted(qa, { type: 'previous' }, '2025-10-02T10:12')).toMatchObject({ itemId: P1, phase: 'talk', question: onAir });
    expect(accepted(qa, { type: 'goto', itemId: 'namba-2025-10-02-1020' }, '2025-10-02T10:20').question).toBeNull();
    expect(accepted(qa, { type: 'reset' }, '2025-10-02T10:20').question).toBeNull();
  });

  it('hideQuestion takes it off; with a questionId only if that one is on air', () => {
    const shown = accepted(talk(), show(onAir), '2025-10-02T09:50', { question: onAir });
    expect(accepted(shown, { type: 'hideQuestion' }, '2025-10-02T09:51').question).toBeNull();
    expect(accepted(shown, { type: 'hideQuestion', questionId: onAir.id }, '2025-10-02T09:51').question).toBeNull();
    const wrong = apply(shown, { type: 'hideQuestion', questionId: other.id }, '2025-10-02T09:51');
    expect(wrong).toMatchObject({ ok: false, code: 'not_applicable' });
    expect(wrong.state.question).toEqual(onAir);
    expect(apply(talk(), { type: 'hideQuestion' }, '2025-10-02T09:51')).toMatchObject({ ok: false, code: 'not_applicable' });
  });
});
