import { CommandSchema, HallStateSchema, ProgramSchema, type Command, type HallState, type Program } from '../../shared/index.js';

/** A stored value is JSON text (a SQLite column, a Redis string) or already parsed out of a larger record. */
const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

// What a store reads back is parsed again with the same schemas as any input: a row written by an older version
// or edited by hand fails here, by field, instead of later on a screen.

/** A hall's live state as stored. */
export const storedHallState = (value: unknown): HallState => HallStateSchema.parse(parsed(value));

/** A logged command as stored. */
export const storedCommand = (value: unknown): Command => CommandSchema.parse(parsed(value));

/** A program as stored. */
export const storedProgram = (value: unknown): Program => ProgramSchema.parse(parsed(value));
