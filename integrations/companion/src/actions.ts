import type { CompanionActionDefinitions, CompanionOptionValues } from '@companion-module/base';
import { SURFACES, type ChairCommand, type CommandResult, type Surface } from './lectern-types.js';

/** The message's screens as the operator reads them on the button's options. */
const SURFACE_LABELS: Record<Surface, string> = {
  signage: 'Hall screens',
  lobby: 'Lobby',
  timer: 'Speaker timer',
  stream: 'Stream',
  live: 'Public page',
};
const SURFACE_CHOICES = SURFACES.map((id) => ({ id, label: SURFACE_LABELS[id] }));
const isSurface = (value: unknown): value is Surface => (SURFACES as readonly unknown[]).includes(value);

/** Action ids and the chair command each sends, from the button's options (pure; null for bad options). */
export const ACTION_COMMANDS: Record<string, (options: CompanionOptionValues) => ChairCommand | null> = {
  next: () => ({ type: 'next' }),
  previous: () => ({ type: 'previous' }),
  qa: () => ({ type: 'qa' }),
  break: (o) => {
    const minutes = Number(o.minutes);
    return Number.isInteger(minutes) && minutes > 0 ? { type: 'break', minutes } : { type: 'break' };
  },
  extend: (o) => {
    const minutes = Number(o.minutes);
    return Number.isInteger(minutes) && minutes !== 0 ? { type: 'extend', minutes } : null;
  },
  hold: () => ({ type: 'hold' }),
  release: () => ({ type: 'release' }),
  message: (o) => {
    const text = String(o.text ?? '').trim();
    if (!text) return null;
    // A screen Lectern does not know (a button saved by an older module) is left out rather than refused.
    const targets = Array.isArray(o.targets) ? o.targets.filter(isSurface) : [];
    return targets.length > 0 ? { type: 'message', text, targets } : { type: 'message', text };
  },
  clearMessage: () => ({ type: 'clearMessage' }),
  goto: (o) => {
    const itemId = String(o.itemId ?? '').trim();
    return itemId ? { type: 'goto', itemId } : null;
  },
};

/** The hold button as one key: hold when running, release when on hold (`phase` is the hall's current phase). */
export function holdToggleCommand(phase: string | undefined): ChairCommand {
  return phase === 'hold' ? { type: 'release' } : { type: 'hold' };
}

/** What the actions need from the instance. */
export interface ActionHost {
  send(command: ChairCommand): Promise<CommandResult>;
  phase(): string | undefined;
  log(level: 'info' | 'warn' | 'error' | 'debug', message: string): void;
}

/** Companion's action definitions: every chair command, plus a hold/release toggle. */
export function actionDefinitions(host: ActionHost): CompanionActionDefinitions {
  const run = async (actionId: string, command: ChairCommand | null) => {
    if (!command) return host.log('warn', `${actionId}: the button's options are incomplete`);
    const result = await host.send(command);
    if (!result.ok) host.log('warn', `${command.type} refused by Lectern: ${result.error}: ${result.message}`);
  };
  const simple = (actionId: string, name: string) => ({
    name,
    options: [],
    callback: (event: { options: CompanionOptionValues }) => run(actionId, ACTION_COMMANDS[actionId]!(event.options)),
  });
  return {
    next: simple('next', 'Next item'),
    previous: simple('previous', 'Back (undo the last move)'),
    qa: simple('qa', 'Q&A for the current talk'),
    break: {
      name: 'Break',
      options: [
        {
          type: 'number',
          id: 'minutes',
          label: 'Minutes (0: the program’s next break, or 10)',
          default: 0,
          min: 0,
          max: 240,
        },
      ],
      callback: (event) => run('break', ACTION_COMMANDS.break!(event.options)),
    },
    extend: {
      name: 'Extend / shorten the countdown',
      options: [{ type: 'number', id: 'minutes', label: 'Minutes (negative shortens)', default: 1, min: -120, max: 120 }],
      callback: (event) => run('extend', ACTION_COMMANDS.extend!(event.options)),
    },
    hold: simple('hold', 'Hold (freeze the hall)'),
    release: simple('release', 'Release hold'),
    holdToggle: {
      name: 'Hold / release (toggle)',
      options: [],
      callback: () => run('holdToggle', holdToggleCommand(host.phase())),
    },
    message: {
      name: 'Show a message',
      options: [
        { type: 'textinput', id: 'text', label: 'Message (max 280 characters)', default: '', useVariables: false },
        { type: 'multidropdown', id: 'targets', label: 'Screens (none: all)', default: [], choices: SURFACE_CHOICES },
      ],
      callback: (event) => run('message', ACTION_COMMANDS.message!(event.options)),
    },
    clearMessage: simple('clearMessage', 'Clear the message'),
    goto: {
      name: 'Go to an item',
      options: [{ type: 'textinput', id: 'itemId', label: 'Item id (from the program)', default: '' }],
      callback: (event) => run('goto', ACTION_COMMANDS.goto!(event.options)),
    },
  };
}
