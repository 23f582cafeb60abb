import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { describeZodError, ItemKindSchema, type InputProblem, type ItemKind, type Phase } from '../../shared/index.js';

const SceneNameSchema = z.string().trim().min(1, 'a scene name').max(200);
const InputNameSchema = z.string().trim().min(1, 'an input name').max(200);

/** The scene to show in each phase of the hall. `idle` is "starting soon". */
const ScenesSchema = z
  .strictObject({
    talk: SceneNameSchema.describe('Scene during a talk'),
    qa: SceneNameSchema.describe('Scene during Q&A'),
    break: SceneNameSchema.describe('Scene during a break'),
    hold: SceneNameSchema.describe('Scene while the hall is held'),
    idle: SceneNameSchema.describe('Scene before the first item ("starting soon")'),
    ended: SceneNameSchema.describe('Scene after the last item'),
    /** Per item kind (`registration`, `ceremony`, …): replaces the phase's scene while such an item is on. */
    kinds: z
      .partialRecord(ItemKindSchema, SceneNameSchema)
      .optional()
      .describe("Per item kind (registration, ceremony, …): the scene instead of the phase's"),
    /** For an onsite-only item (default: the idle scene). */
    onsite: SceneNameSchema.optional().describe('Scene for an onsite-only item (default: the idle scene)'),
  })
  .describe('The scene to show in each phase');

const HallObsSchema = z
  .strictObject({
    /** obs-websocket address, e.g. ws://10.0.0.21:4455. */
    url: z
      .string()
      .trim()
      .regex(/^wss?:\/\/[^\s/?#@]+(\/[^\s]*)?$/, 'a ws:// or wss:// address without credentials, e.g. ws://10.0.0.21:4455')
      .describe('obs-websocket address, e.g. ws://10.0.0.21:4455'),
    /** Name of the environment variable holding the websocket password. */
    passwordEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name, e.g. LECTERN_OBS_NAMBA_PASSWORD')
      .optional()
      .describe('The environment variable holding the websocket password'),
    /** A file holding the password (a secrets file); relative to the config file. */
    passwordFile: z.string().min(1).optional().describe('A file holding the websocket password (relative to the config file)'),
    scenes: ScenesSchema,
    /** The slate shown while an item must not be streamed or recorded. */
    privacyScene: SceneNameSchema.describe('The slate shown while an item must not be streamed or recorded'),
    /** Text inputs (e.g. text_ft2_source_v2, text_gdiplus) Lectern writes the current title and speaker to. */
    textInputs: z
      .strictObject({
        title: InputNameSchema.optional().describe('Text input for the current title'),
        speaker: InputNameSchema.optional().describe('Text input for the current speaker'),
      })
      .optional()
      .describe('Text inputs Lectern writes the current title and speaker to'),
    /** Pause the recording while a do-not-record or do-not-stream item is on (default true). */
    pauseRecordingForDoNotRecord: z
      .boolean()
      .default(true)
      .describe('Pause the recording while a do-not-record or do-not-stream item is on'),
  })
  .refine((hall) => !(hall.passwordEnv && hall.passwordFile), {
    message: 'give passwordEnv or passwordFile, not both',
    path: ['passwordFile'],
  })
  .describe("One hall's OBS: its websocket, where its password is, its scene map");

/** The OBS configuration file (`lectern serve --obs FILE`). */
export const ObsConfigFileSchema = z.strictObject({
  /** Editor hint; ignored. */
  $schema: z.string().optional().describe('Editor hint; ignored'),
  /** Per hall id: its OBS and its scene map. */
  halls: z
    .record(z.string(), HallObsSchema)
    .superRefine(
      (halls, ctx) => {
        for (const hallId of Object.keys(halls)) {
          if (!/^[a-z0-9][a-z0-9-]*$/.test(hallId)) {
            ctx.addIssue({
              code: 'custom',
              path: [hallId],
              message: 'not a hall id: lowercase letters, digits and dashes, as in the program',
            });
          }
        }
      },
      // Checked also when a hall's settings have mistakes, so every problem is named at once.
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    )
    .describe('Per hall id: its OBS and its scene map'),
  chapters: z
    .strictObject({
      /** Shorter chapters are dropped from the exported list (YouTube wants 10 s or more). */
      minSeconds: z
        .number()
        .int()
        .min(0)
        .max(600)
        .default(10)
        .describe('Shorter chapters are dropped from the exported list (YouTube wants 10 s or more)'),
    })
    .default({ minSeconds: 10 })
    .describe('VOD chapters'),
});
export type ObsConfigFile = z.infer<typeof ObsConfigFileSchema>;

/** One hall's OBS, ready to use: the password resolved (kept in memory only, never logged or answered). */
export interface HallObsConfig {
  hallId: string;
  url: string;
  password: string | undefined;
  /** The secrets file the password came from (absolute), read again when a director asks to try again. */
  passwordFile?: string;
  scenes: Record<Phase, string>;
  kindScenes?: Partial<Record<ItemKind, string>>;
  onsiteScene?: string | undefined;
  privacyScene: string;
  textInputs: { title?: string; speaker?: string };
  pauseRecordingForDoNotRecord: boolean;
  /** The language of the text inputs (the config's `halls.<id>.streamLanguage`); else the program's default text. */
  streamLanguage?: string;
}

export interface ObsConfig {
  halls: HallObsConfig[];
  chapterMinSeconds: number;
}

/** The OBS config file is unusable; `problems` name each path. The message never contains a password. */
export class ObsConfigError extends Error {
  override name = 'ObsConfigError';
  constructor(
    readonly file: string,
    readonly problems: InputProblem[],
  ) {
    super(`OBS config ${file}:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
}

/**
 * Validates an OBS config (already parsed JSON) and resolves the passwords: from the environment variable
 * `passwordEnv` or the file `passwordFile` (relative to `baseDir`, trailing newline dropped).
 */
export async function parseObsConfig(
  raw: unknown,
  file: string,
  env: NodeJS.ProcessEnv,
  baseDir = dirname(file),
): Promise<ObsConfig> {
  const parsed = ObsConfigFileSchema.safeParse(raw);
  if (!parsed.success) throw new ObsConfigError(file, describeZodError(parsed.error));
  const problems: InputProblem[] = [];
  const halls: HallObsConfig[] = [];
  for (const [hallId, hall] of Object.entries(parsed.data.halls)) {
    let password: string | undefined;
    let passwordFile: string | undefined;
    if (hall.passwordEnv) {
      password = env[hall.passwordEnv];
      if (!password)
        problems.push({ path: `halls.${hallId}.passwordEnv`, message: `environment variable ${hall.passwordEnv} is not set` });
    } else if (hall.passwordFile) {
      const path = resolve(baseDir, hall.passwordFile);
      passwordFile = path;
      try {
        password = await readSecret(path);
        if (!password) problems.push({ path: `halls.${hallId}.passwordFile`, message: `${path} is empty` });
      } catch (error) {
        problems.push({
          path: `halls.${hallId}.passwordFile`,
          message: `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        });
      }
    }
    halls.push({
      hallId,
      url: hall.url,
      password,
      ...(passwordFile ? { passwordFile } : {}),
      scenes: {
        talk: hall.scenes.talk,
        qa: hall.scenes.qa,
        break: hall.scenes.break,
        hold: hall.scenes.hold,
        idle: hall.scenes.idle,
        ended: hall.scenes.ended,
      },
      kindScenes: hall.scenes.kinds ?? {},
      onsiteScene: hall.scenes.onsite,
      privacyScene: hall.privacyScene,
      textInputs: hall.textInputs ?? {},
      pauseRecordingForDoNotRecord: hall.pauseRecordingForDoNotRecord,
    });
  }
  if (problems.length > 0) throw new ObsConfigError(file, problems);
  return { halls, chapterMinSeconds: parsed.data.chapters.minSeconds };
}

/** Reads and validates the OBS config file. */
export async function loadObsConfig(file: string, env: NodeJS.ProcessEnv = process.env): Promise<ObsConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ObsConfigError(file, [
      { path: '(file)', message: `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})` },
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ObsConfigError(file, [{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return parseObsConfig(raw, file, env);
}

/** A secrets file's password: its text without the trailing newline an editor adds. */
async function readSecret(path: string): Promise<string> {
  return (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
}

/** Reads a secrets file's password again (a director's retry); undefined when unreadable or empty. */
export async function readPasswordFile(path: string): Promise<string | undefined> {
  return (await readSecret(path).catch(() => '')) || undefined;
}
