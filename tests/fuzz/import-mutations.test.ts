import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgramSchema } from '../../shared/index.js';
import { exportFrabXml } from '../../server/program/export/frab-xml.js';
import { importProgram, type ImportFormat, type ImportOptions } from '../../server/program/import/index.js';
import { ProgramError } from '../../server/program/program-file.js';
import { DIRECTOR_TOKEN, ROOT, startServer, type TestServer } from '../support/server.js';
import { UNTHROTTLED, isClearError, observe } from './state.js';

// docs/guarantees.md, "Imports are all-or-nothing": 1,000 mutated files per format (bytes, lines and fields
// changed) through importProgram give either a valid program or a ProgramError whose problems name a line or a
// path; never another throw. A mutated file refused by the upload route leaves the program as it was.

const MUTANTS_PER_FORMAT = 1000;
const fixture = (name: string) => readFileSync(join(ROOT, 'tests/fixtures', name), 'utf8');

/** Every byte of each sample may be mutated, the frab prolog (`<?xml … ?>`) included. */
const SAMPLES: { format: ImportFormat; text: string; options: ImportOptions }[] = [
  // The demo as frab XML (the 31c3 schedule is 350 KB: a thousand of it would take a minute).
  { format: 'frab', text: exportFrabXml(importProgram(fixture('demo-ja.program.json')).program), options: {} },
  { format: 'pretalx', text: fixture('pretalx-democon-schedule.json'), options: {} },
  { format: 'csv', text: fixture('program-ja.csv'), options: { zone: 'Asia/Tokyo' } },
  { format: 'json', text: fixture('demo-ja.program.json'), options: {} },
  { format: 'text', text: fixture('osaka-assb-symposium-2025-program.txt'), options: { zone: 'Asia/Tokyo' } },
];

const nasty = fc.constantFrom(
  '<',
  '>',
  '&',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  ';',
  ':',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\uFFFD',
  '\u202E',
  '\uD800',
  '99',
  '-1',
  '25:61',
  '1e999',
  'null',
  '<!--',
  ']]>',
  '\\',
  '%',
);
const junkValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e300, '', 'x', '25:99', '2025-02-30T99:00', [], {}, '<b>', 'a'.repeat(5000)),
  fc.string({ maxLength: 30 }),
  fc.integer(),
);

/** One mutation of a file's text, as a function of the text. */
type Mutation = (text: string) => string;
const at = (text: string, fraction: number) => Math.floor(fraction * text.length);
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const byteMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(unit, nasty).map(
    ([f, s]): Mutation =>
      (t) =>
        t.slice(0, at(t, f)) + s + t.slice(at(t, f) + 1),
  ),
  fc.tuple(unit, nasty).map(
    ([f, s]): Mutation =>
      (t) =>
        t.slice(0, at(t, f)) + s + t.slice(at(t, f)),
  ),
  fc.tuple(unit, fc.integer({ min: 1, max: 40 })).map(
    ([f, n]): Mutation =>
      (t) =>
        t.slice(0, at(t, f)) + t.slice(at(t, f) + n),
  ),
  unit.map(
    (f): Mutation =>
      (t) =>
        t.slice(0, at(t, f)),
  ),
);
const lineMutation: fc.Arbitrary<Mutation> = fc
  .tuple(fc.constantFrom('delete', 'duplicate', 'swap', 'blank', 'reverse'), unit, unit)
  .map(([kind, f, g]): Mutation => (t) => {
    const lines = t.split('\n');
    const i = Math.floor(f * lines.length);
    const j = Math.floor(g * lines.length);
    if (kind === 'delete') lines.splice(i, 1);
    if (kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
    if (kind === 'swap') [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
    if (kind === 'blank') lines[i] = '';
    if (kind === 'reverse') lines[i] = [...(lines[i] ?? '')].reverse().join('');
    return lines.join('\n');
  });
/** Replaces a value somewhere in a JSON file, or a field (a number, a time, a word) in a text file. */
const fieldMutation: fc.Arbitrary<Mutation> = fc.tuple(unit, junkValue, fc.boolean()).map(([f, value, drop]): Mutation => (t) => {
  try {
    const doc: unknown = JSON.parse(t);
    const slots: { parent: Record<string, unknown>; key: string }[] = [];
    const walk = (node: unknown) => {
      if (typeof node !== 'object' || node === null) return;
      for (const [key, child] of Object.entries(node)) {
        slots.push({ parent: node as Record<string, unknown>, key });
        walk(child);
      }
    };
    walk(doc);
    const slot = slots[Math.floor(f * slots.length)];
    if (slot) {
      if (drop) delete slot.parent[slot.key];
      else slot.parent[slot.key] = value;
    }
    return JSON.stringify(doc);
  } catch {
    const fields = [...t.matchAll(/\d{1,2}:\d{2}|\d+|[A-Za-z]+/g)];
    const field = fields[Math.floor(f * fields.length)];
    if (!field) return t;
    const start = field.index;
    return (
      t.slice(0, start) +
      (drop ? '' : String(typeof value === 'object' ? JSON.stringify(value) : value)) +
      t.slice(start + field[0].length)
    );
  }
});
const mutations = fc.array(fc.oneof(byteMutation, lineMutation, fieldMutation), { minLength: 1, maxLength: 4 });

/** Imports a mutant; fails on any throw that is not a ProgramError with problems naming a line or a path. */
function importOrProblems(text: string, options: ImportOptions): 'program' | 'problems' {
  try {
    const { program } = importProgram(text, options);
    expect(ProgramSchema.safeParse(program).success).toBe(true);
    return 'program';
  } catch (error) {
    if (!(error instanceof ProgramError)) throw new Error(`not a handled error: ${String(error)}`, { cause: error });
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) {
      expect(typeof problem.path === 'string' && problem.path.length > 0, JSON.stringify(problem)).toBe(true);
      expect(problem.message.length).toBeGreaterThan(0);
    }
    return 'problems';
  }
}

describe(`${MUTANTS_PER_FORMAT} mutated files per import format`, () => {
  for (const sample of SAMPLES) {
    it(`${sample.format}: a program or problems naming a line or path, never another throw`, () => {
      expect(importOrProblems(sample.text, { ...sample.options, format: sample.format })).toBe('program');
      const outcomes = { program: 0, problems: 0 };
      fc.assert(
        fc.property(mutations, fc.boolean(), (changes, auto) => {
          const text = changes.reduce((t, change) => change(t), sample.text);
          outcomes[importOrProblems(text, { ...sample.options, format: auto ? 'auto' : sample.format })]++;
        }),
        { numRuns: MUTANTS_PER_FORMAT },
      );
      // Both outcomes occur: the mutations neither all break the file nor all miss it.
      expect(outcomes.problems).toBeGreaterThan(50);
      expect(outcomes.program).toBeGreaterThan(10);
    });
  }
});

describe('the upload route never half-imports', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ args: ['--clock', '2025-10-02T09:45:00+09:00', ...UNTHROTTLED] });
  });
  afterAll(() => server.stop());

  it('a mutated file is imported whole or refused with problems, the program revision unchanged on refusal', async () => {
    const text = fixture('osaka-assb-symposium-2025-program.txt');
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(mutations, async (changes) => {
        const before = await observe(server.url);
        const response = await fetch(`${server.url}/api/v1/program?format=text&zone=Asia/Tokyo`, {
          method: 'POST',
          headers: { authorization: `Bearer ${DIRECTOR_TOKEN}`, 'content-type': 'text/plain; charset=utf-8' },
          body: changes.reduce((t, change) => change(t), text),
        });
        const body = (await response.json()) as { revision?: number; problems?: { path: string }[] };
        const after = await observe(server.url);
        if (response.status === 200) {
          expect(after.programRevision).toBe(body.revision);
          return;
        }
        refused++;
        expect(response.status).toBe(400);
        expect(isClearError(body)).toBe(true);
        expect(body.problems?.every((p) => typeof p.path === 'string' && p.path.length > 0)).toBe(true);
        expect(after.programRevision).toBe(before.programRevision);
        const program = (await (await fetch(`${server.url}/api/v1/program`)).json()) as { revision: number };
        expect(program.revision).toBe(before.programRevision);
      }),
      { numRuns: 40 },
    );
    expect(refused).toBeGreaterThan(0);
  });
});
