import { describe, expect, it } from 'vitest';
import { importProgram } from '../../../../server/program/import/index.js';
import { exportFrabXml } from '../../../../server/program/export/frab-xml.js';
import { fixture, problemsOf } from './support.js';

const JSON_TEXT = fixture('pretalx-democon-schedule.json');
const democon = importProgram(JSON_TEXT);

describe('a real pretalx schedule.json (DemoCon excerpt)', () => {
  const { program } = democon;

  it('is detected and takes its zone from time_zone_name', () => {
    expect(democon).toMatchObject({ format: 'pretalx', zone: 'UTC', zoneSource: 'file' });
    expect(program.event).toEqual({
      title: 'DemoCon',
      timeZone: 'UTC',
      language: 'en',
      url: 'http://localhost/democon/schedule/',
    });
  });

  it('rooms become halls, events items with the ids of the schedule, persons speakers', () => {
    expect(program.halls).toEqual([
      { id: 'gray-room', name: 'Gray Room' },
      { id: 'tan-room', name: 'Tan Room' },
    ]);
    expect(program.items).toHaveLength(10);
    expect(program.items.find((i) => i.id === 'frab-16')).toMatchObject({
      hallId: 'gray-room',
      kind: 'talk',
      title: 'Networked modular help-desk',
      speakers: [
        { name: 'Maria Williams', affiliation: '' },
        { name: 'Mariah Estrada', affiliation: '' },
      ],
      track: 'Horizontal',
      language: 'en',
      abstract:
        'Implement distributed e-commerce!\n\nWhy line song happen draw wind. Major believe stock range dark hundred itself. Difficult watch too record.',
    });
  });

  it('keeps the +01:00 instants exactly although the file says UTC, and warns that screens show UTC', () => {
    expect(program.items.find((i) => i.id === 'frab-25')).toMatchObject({
      start: Date.parse('2020-12-14T09:00:00+01:00'),
      end: Date.parse('2020-12-14T09:30:00+01:00'),
    });
    expect(democon.warnings).toEqual([
      {
        path: 'schedule.conference.days[0].rooms["Gray Room"][0].date',
        message: expect.stringContaining('+01:00 but UTC is +00:00'),
      },
    ]);
  });

  it('do_not_record becomes the do-not-record flag; a workshop is a talk', () => {
    expect(
      program.items
        .filter((i) => i.doNotRecord)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['frab-27', 'frab-39']);
    expect(program.items.find((i) => i.id === 'frab-14')!.kind).toBe('talk');
  });

  it('round-trips through frab XML', () => {
    expect(importProgram(exportFrabXml(program)).program).toEqual(program);
  });

  it('--zone overrides the file and keeps the instants', () => {
    const berlin = importProgram(JSON_TEXT, { zone: 'Europe/Berlin' });
    expect(berlin).toMatchObject({ zone: 'Europe/Berlin', zoneSource: 'flag', warnings: [] });
    expect(berlin.program.items.map((i) => i.start)).toEqual(program.items.map((i) => i.start));
  });
});

/** The DemoCon file with its JSON changed by `edit`. */
function edited(edit: (doc: any) => void): string {
  const doc = JSON.parse(JSON_TEXT);
  edit(doc);
  return JSON.stringify(doc, null, 2);
}
const gray = (doc: any) => doc.schedule.conference.days[0].rooms['Gray Room'];

describe('a person without a name', () => {
  it('is left out of the speakers with a warning naming the event', () => {
    const result = importProgram(
      edited((doc) => {
        gray(doc)[0].persons = [{ public_name: 'Ada Lovelace' }, { public_name: '  ' }, { id: 7 }];
      }),
    );
    const item = result.program.items.find((i) => i.id === `frab-${gray(JSON.parse(JSON_TEXT))[0].id}`)!;
    expect(item.speakers).toEqual([{ name: 'Ada Lovelace', affiliation: '' }]);
    expect(result.warnings).toContainEqual({
      path: 'schedule.conference.days[0].rooms["Gray Room"][0].persons',
      message: '2 persons without a name left out of the speakers',
    });
  });
});

describe('pretalx files that are not right change nothing and name the path', () => {
  it('a truncated file names the line where it ends', () => {
    const cut = JSON_TEXT.slice(0, 5000);
    const problems = problemsOf(() => importProgram(cut));
    expect(problems).toEqual([{ path: `line ${cut.split('\n').length}`, message: expect.stringContaining('expected') }]);
  });

  it('an event without a duration', () => {
    const text = edited((doc) => delete gray(doc)[1].duration);
    expect(problemsOf(() => importProgram(text))).toEqual([
      {
        path: 'schedule.conference.days[0].rooms["Gray Room"][1].duration',
        message: 'missing: every event needs a duration (HH:MM)',
      },
    ]);
  });

  it('a bad date and an unknown zone', () => {
    expect(problemsOf(() => importProgram(edited((doc) => (gray(doc)[0].date = '2020-12-14 09:00'))))).toEqual([
      {
        path: 'schedule.conference.days[0].rooms["Gray Room"][0].date',
        message: expect.stringContaining('not a date-time with a UTC offset'),
      },
    ]);
    expect(
      problemsOf(() => importProgram(edited((doc) => (doc.schedule.conference.time_zone_name = 'Europe/Atlantis')))),
    ).toEqual([
      {
        path: 'schedule.conference.time_zone_name',
        message: expect.stringContaining('"Europe/Atlantis" is not an IANA time zone'),
      },
    ]);
  });

  it('overlapping events in a room', () => {
    const text = edited((doc) => (gray(doc)[1].duration = '01:00'));
    expect(problemsOf(() => importProgram(text))).toEqual([
      {
        path: 'schedule.conference.days[0].rooms["Gray Room"][2]',
        message: expect.stringContaining('overlaps "Quality-focused 6thgeneration website"'),
      },
    ]);
  });

  it('days in the wrong shape', () => {
    expect(problemsOf(() => importProgram(edited((doc) => (doc.schedule.conference.days = {}))))).toEqual([
      { path: 'schedule.conference.days', message: expect.stringContaining('missing') },
    ]);
  });
});
