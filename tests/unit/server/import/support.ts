import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { InputProblem } from '../../../../shared/index.js';
import { ProgramError } from '../../../../server/program/program-file.js';
import { ROOT } from '../../../support/server.js';

/** A fixture file's text. */
export function fixture(name: string): string {
  return readFileSync(join(ROOT, 'tests/fixtures', name), 'utf8');
}

/** The problems a call throws; fails the test when it does not throw a ProgramError. */
export function problemsOf(run: () => unknown): InputProblem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProgramError);
    return (error as ProgramError).problems;
  }
  expect.fail('expected a ProgramError');
}
