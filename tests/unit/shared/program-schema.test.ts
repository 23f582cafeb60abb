import { describe, expect, it } from 'vitest';
import {
  ProgramSchema,
  describeZodError,
  hallItems,
  programDays,
  programProblems,
  scheduleItemId,
  slugify,
} from '../../../shared/index.js';
import { demoProgram } from '../../support/demo.js';

const base = {
  event: { title: 'Test', timeZone: 'Asia/Tokyo' },
  halls: [{ id: 'a', name: 'Hall A' }],
};
const item = (over: Record<string, unknown> = {}) => ({
  id: 'x1',
  hallId: 'a',
  kind: 'talk',
  title: 'T',
  start: '2025-10-02T09:00:00+09:00',
  end: '2025-10-02T09:30:00+09:00',
  ...over,
});

function problems(input: unknown) {
  const result = ProgramSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : describeZodError(result.error);
}

describe('the demo event', () => {
  const program = demoProgram();

  it('has both halls, in Asia/Tokyo', () => {
    expect(program.event.timeZone).toBe('Asia/Tokyo');
    expect(program.halls.map((h) => h.id)).toEqual(['namba', 'nakamozu']);
  });

  it('has every session of both days', () => {
    expect(hallItems(program, 'namba')).toHaveLength(18);
    expect(hallItems(program, 'nakamozu')).toHaveLength(9);
    const kinds = program.items.map((i) => i.kind);
    for (const kind of ['registration', 'ceremony', 'talk', 'break', 'meal', 'social', 'poster', 'tour', 'other']) {
      expect(kinds).toContain(kind);
    }
  });

  it('has the 13 talks with speakers, affiliations and abstract refs P.1 to P.13', () => {
    const refs = program.items.filter((i) => i.abstractRef).sort((a, b) => a.start - b.start);
    expect(refs.map((i) => i.abstractRef)).toEqual(Array.from({ length: 13 }, (_, n) => `P.${n + 1}`));
    for (const talk of refs) {
      expect(talk.kind).toBe('talk');
      expect(talk.speakers[0]?.name).toBeTruthy();
      expect(talk.speakers[0]?.affiliation).toBeTruthy();
    }
    expect(refs[0]).toMatchObject({
      title: 'Foundation Potentials for Massive-Scale Design of Solid Electrolytes',
      speakers: [{ name: 'Shyue Ping Ong' }],
    });
  });

  it('keeps the lunch with its luncheon seminar', () => {
    const lunch = program.items.find((i) => i.kind === 'meal')!;
    expect(lunch.subtitle).toMatch(/Luncheon Seminar/);
    expect(lunch.speakers[0]?.name).toBe('Takashi Sumoto');
  });

  it('one program day per hall', () => {
    expect(programDays(hallItems(program, 'namba'))).toHaveLength(1);
    expect(programDays(hallItems(program, 'nakamozu'))).toHaveLength(1);
  });
});

describe('program validation names the path', () => {
  it('accepts ISO instants with an offset and epoch ms', () => {
    const parsed = ProgramSchema.parse({
      ...base,
      items: [item(), item({ id: 'x2', start: Date.parse('2025-10-02T01:00:00Z'), end: Date.parse('2025-10-02T01:30:00Z') })],
    });
    expect(parsed.items[0]!.start).toBe(Date.parse('2025-10-02T00:00:00Z'));
    expect(parsed.items[1]!.start).toBe(Date.parse('2025-10-02T01:00:00Z'));
  });

  it('rejects an instant without an offset', () => {
    expect(problems({ ...base, items: [item({ start: '2025-10-02T09:00:00' })] })[0]?.path).toBe('items[0].start');
  });

  it('rejects an end before the start', () => {
    expect(problems({ ...base, items: [item({ end: '2025-10-02T08:00:00+09:00' })] })).toEqual([
      { path: 'items[0].end', message: 'end must be after start' },
    ]);
  });

  it('rejects an unknown zone', () => {
    expect(problems({ ...base, event: { title: 'T', timeZone: 'Mars/Olympus' }, items: [] })[0]).toMatchObject({
      path: 'event.timeZone',
    });
  });

  it('rejects an unknown hall, a duplicate id and overlapping items', () => {
    const found = problems({
      ...base,
      items: [item(), item({ id: 'x1', start: '2025-10-02T09:10:00+09:00' }), item({ id: 'x3', hallId: 'zz' })],
    });
    expect(found.map((p) => p.path)).toEqual(expect.arrayContaining(['items[1].id', 'items[2].hallId', 'items[1].start']));
    expect(found.find((p) => p.path === 'items[1].start')?.message).toMatch(/overlaps/);
  });

  it('reports field mistakes and overlaps in one answer, not in two rounds', () => {
    const input = {
      ...base,
      items: [
        item({ id: 'x0', kind: 'keynote' }),
        item({ id: 'x1' }),
        item({ id: 'x2', start: '2025-10-02T09:10:00+09:00', end: '2025-10-02T09:40:00+09:00' }),
      ],
    };
    const result = ProgramSchema.safeParse(input);
    expect(result.success).toBe(false);
    // zod alone stops at the field mistake.
    expect(describeZodError(result.error!).map((p) => p.path)).toEqual(['items[0].kind']);
    const all = programProblems(input, result.error!);
    expect(all.map((p) => p.path)).toEqual(['items[0].kind', 'items[2].start']);
    expect(all[1]!.message).toMatch(/overlaps "T" \(x1\)/);
  });

  it("with a hall that does not parse, does not call its items' hall unknown", () => {
    const input = { ...base, halls: [{ id: 'a', name: '' }], items: [item()] };
    const result = ProgramSchema.safeParse(input);
    expect(programProblems(input, result.error!).map((p) => p.path)).toEqual(['halls[0].name']);
  });

  it('takes only http and https addresses for a stream and the event site', () => {
    const withUrls = (streamUrl: string, url = 'https://example.org/') => ({
      ...base,
      event: { ...base.event, url },
      halls: [{ id: 'a', name: 'Hall A', streamUrl }],
      items: [],
    });
    expect(ProgramSchema.safeParse(withUrls('https://stream.example.org/a', 'http://example.org/')).success).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
      expect(problems(withUrls(bad))).toEqual([{ path: 'halls[0].streamUrl', message: 'an http:// or https:// address' }]);
      expect(problems(withUrls('https://stream.example.org/a', bad)).map((p) => p.path)).toEqual(['event.url']);
    }
  });

  it('rejects a bad kind and a missing title', () => {
    const found = problems({ ...base, items: [item({ kind: 'keynote', title: '   ' })] });
    expect(found.map((p) => p.path).sort()).toEqual(['items[0].kind', 'items[0].title']);
  });
});

describe('ids', () => {
  it('slugs hall names', () => {
    expect(slugify('Saal 1')).toBe('saal-1');
    expect(slugify('Saal Gießen')).toBe('saal-giessen');
    expect(slugify('  Conférence / Hall  ')).toBe('conference-hall');
    expect(slugify('会議室')).toBe('hall');
  });

  it('derives item ids from hall, local date and time', () => {
    expect(scheduleItemId('namba', Date.parse('2025-10-02T00:40:00Z'), 'Asia/Tokyo')).toBe('namba-2025-10-02-0940');
  });
});
