import { z } from 'zod';

/** Longest hall id (characters): hall ids travel in URLs and socket payloads. */
export const HALL_ID_MAX_LENGTH = 60;

/**
 * A reference to a hall (in a URL, a command, a socket payload, an import). Whether the hall exists is for the
 * caller to answer (`not_found`); the program's own hall ids add the slug rule (`HallSchema`).
 */
export const HallIdSchema = z.string().min(1).max(HALL_ID_MAX_LENGTH);

/** A reference to a program item (`goto`, program edits). */
export const ItemIdSchema = z.string().min(1).max(120);

/**
 * A sender's id for one command, stable across its retries: a repeat gets the first answer again and applies
 * nothing twice.
 */
export const CommandIdSchema = z.string().min(8).max(80);

/** A reference to an audience question (assigned by the server: `q_` and hex). */
export const QuestionIdSchema = z.string().min(1).max(40);
