import { DateTime } from 'luxon';
import type { Program, Question } from '../../shared/index.js';
import { csvField } from '../program/export/actual-times.js';

const CSV_HEADER = ['hall_id', 'item_id', 'talk', 'question_id', 'status', 'starred', 'votes', 'name', 'text', 'asked_at'];

/** What a question export holds: the hall's (or one talk's) questions, nothing about the askers but their names. */
export interface QuestionExport {
  hallId: string;
  /** The talk, when the export is of one. */
  itemId: string | null;
  /** Server time of the export (epoch ms). */
  exportedAt: number;
  timeZone: string;
  questions: (Omit<Question, 'heldWord' | 'position' | 'updatedAt'> & { talk: string | null })[];
}

/** The export of `questions` (already in the moderator's order) for a hall or a talk. */
export function questionExport(
  program: Program,
  hallId: string,
  itemId: string | null,
  questions: readonly Question[],
  now: number,
): QuestionExport {
  const titles = new Map(program.items.map((item) => [item.id, item.title]));
  return {
    hallId,
    itemId,
    exportedAt: now,
    timeZone: program.event.timeZone,
    questions: questions.map(({ heldWord: _h, position: _p, updatedAt: _u, ...q }) => ({
      ...q,
      talk: titles.get(q.itemId) ?? null,
    })),
  };
}

/**
 * The export as CSV for a spreadsheet: UTF-8 with a BOM, one row per question, the time asked as
 * "YYYY-MM-DD HH:MM:SS" in the event's zone; a text that starts like a formula stays text (`csvField`).
 */
export function questionExportCsv(report: QuestionExport): string {
  const lines = [CSV_HEADER.join(',')];
  for (const q of report.questions) {
    const askedAt = DateTime.fromMillis(q.createdAt, { zone: report.timeZone }).toFormat('yyyy-MM-dd HH:mm:ss');
    lines.push(
      [report.hallId, q.itemId, q.talk, q.id, q.status, q.starred ? 'yes' : 'no', q.votes, q.name, q.text, askedAt]
        .map(csvField)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
