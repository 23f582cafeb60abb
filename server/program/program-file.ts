import { readFile } from 'node:fs/promises';
import { projectRoot } from '../paths.js';
import { join } from 'node:path';
import { ProgramSchema, programProblems, type InputProblem, type Program } from '../../shared/index.js';
import { findJsonSyntaxError } from './import/json-text.js';

/** Raised when a program file cannot be used; every problem names its path or line. */
export class ProgramError extends Error {
  constructor(
    message: string,
    readonly problems: InputProblem[],
  ) {
    super(`${message}\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'ProgramError';
  }
}

/** The bundled demo event: the 2025 all-solid-state battery symposium in Osaka. */
export const DEMO_PROGRAM_PATH = join(projectRoot(), 'server', 'program', 'demo', 'osaka-assb-symposium-2025.json');

/** Validates a parsed program (Lectern's own JSON format) from `unknown`. */
export function parseProgram(value: unknown): Program {
  const result = ProgramSchema.safeParse(value);
  if (!result.success) throw new ProgramError('not a valid Lectern program', programProblems(value, result.error));
  return result.data;
}

/** Parses program JSON text, naming the line of a syntax error. */
export function parseProgramJson(text: string): Program {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node 20's JSON.parse does not say where: find the spot ourselves.
    const body = text.replace(/^\uFEFF/, '');
    const spot = findJsonSyntaxError(body);
    if (!spot) throw new ProgramError('program file is not valid JSON', [{ path: '(file)', message }]);
    const before = body.slice(0, spot.offset);
    throw new ProgramError('program file is not valid JSON', [
      {
        path: `line ${before.split('\n').length}`,
        message: `column ${spot.offset - before.lastIndexOf('\n')}: expected ${spot.expected}`,
      },
    ]);
  }
  return parseProgram(value);
}

/** Reads and validates a program file in Lectern's JSON format. */
export async function loadProgramFile(path: string): Promise<Program> {
  return parseProgramJson(await readFile(path, 'utf8'));
}
