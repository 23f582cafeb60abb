import type { z } from 'zod';

/** One problem found in input: where (a path like `items[3].start`, or `line 12`) and what was expected. */
export interface InputProblem {
  path: string;
  message: string;
}

/** Formats a zod path as `items[3].start`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** The problems in a zod error, each naming its path, each once (an intersection reports a wrong root twice). */
export function describeZodError(error: z.ZodError): InputProblem[] {
  const problems = error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  return problems.filter((p, i) => problems.findIndex((q) => q.path === p.path && q.message === p.message) === i);
}

/** One line per problem: "items[3].start: Invalid input". */
export function problemsToText(problems: readonly InputProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}
