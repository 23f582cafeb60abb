import type { InputProblem } from '../../../shared/index.js';
import { ProgramError } from '../program-file.js';

/** How many problems one import reports before it stops listing them. */
export const MAX_PROBLEMS = 50;

/** Collects the problems of one import, so a file with many mistakes is answered with all of them at once. */
export class Problems {
  readonly list: InputProblem[] = [];

  /** Records a problem at a path (`schedule.day[2].room[1].event[4].duration`) or a line (`line 12`). */
  add(path: string, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ path, message });
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** Throws a ProgramError with every recorded problem, if there is one. */
  throwIfAny(message: string): void {
    if (this.any) throw new ProgramError(message, this.list);
  }
}

/** Throws a ProgramError with a single problem. */
export function fail(message: string, path: string, problem: string): never {
  throw new ProgramError(message, [{ path, message: problem }]);
}
