import type { z } from 'zod';
import { describeZodError, formatPath, type InputProblem } from '../validation.js';
import { HallSchema, ItemSchema, programConsistencyIssues, type Hall, type Item } from './schema.js';

/**
 * Every problem of a program that did not parse, in one answer: the field mistakes zod found, plus the checks
 * across halls and items (duplicate ids, overlaps…) run on the halls and items that are right on their own.
 * zod skips those checks while any field is wrong, which would make a user fix a file in two rounds.
 */
export function programProblems(value: unknown, error: z.ZodError): InputProblem[] {
  const problems = describeZodError(error);
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (!Array.isArray(record.halls) || !Array.isArray(record.items)) return problems;
  const halls = record.halls.map((hall): Hall | undefined => HallSchema.safeParse(hall).data);
  const items = record.items.map((item): Item | undefined => ItemSchema.safeParse(item).data);
  for (const issue of programConsistencyIssues(halls, items)) {
    const problem = { path: formatPath(issue.path), message: issue.message };
    if (!problems.some((p) => p.path === problem.path && p.message === problem.message)) problems.push(problem);
  }
  return problems;
}
