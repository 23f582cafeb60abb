import type { Command, LiveView } from '../../shared/index.js';
import type { Messages } from './i18n.js';
import type { Fate } from './useHallCommands.js';

/** A command as a person says it: "Start next", "+5 min", "Break 15 min". */
export function commandLabel(command: Command, t: Messages): string {
  switch (command.type) {
    case 'next':
      return t.action.next;
    case 'previous':
      return t.action.previous;
    case 'qa':
      return t.action.qa;
    case 'break':
      return command.minutes ? t.action.breakMinutes(command.minutes) : t.action.break;
    case 'extend':
      return t.action.extendBy(command.minutes);
    case 'hold':
      return t.action.hold;
    case 'release':
      return t.action.release;
    case 'message':
      return `${t.action.message}: “${command.text}”`;
    case 'clearMessage':
      return t.action.clearMessage;
    case 'goto':
      return t.action.start;
    case 'reset':
      return t.action.reset;
    // Placeholders until the questions UI (branch questions-ui) gives these their catalogue strings.
    case 'showQuestion':
    case 'hideQuestion':
      return command.type;
  }
}

/** What a hall shows, in a few words: its current item, else its phase. */
export function shownAs(view: LiveView | null, t: Messages): string {
  if (!view) return '—';
  return view.now ? `${view.now.title} (${t.phase[view.phase]})` : t.phase[view.phase];
}

/** The status line for a press's fate, and how it should look. */
export function fateText(
  fate: Fate,
  t: Messages,
  current: LiveView | null,
): { text: string; tone: 'info' | 'ok' | 'warn' | 'error' } {
  if (fate.kind === 'busy') return { text: t.status.busy, tone: 'info' };
  const what = fate.attempt.label ?? commandLabel(fate.attempt.command, t);
  switch (fate.kind) {
    case 'sending':
      return { text: t.status.sending(what), tone: 'info' };
    case 'retrying':
      return { text: t.status.retrying(what), tone: 'info' };
    case 'waiting':
      return { text: t.status.waiting(what), tone: 'warn' };
    case 'queued':
      return { text: t.offline.queuedWhileOffline(what), tone: 'warn' };
    case 'done': {
      const now =
        fate.attempt.command.type === 'next' || fate.attempt.command.type === 'previous' ? ` → ${shownAs(fate.view, t)}` : '';
      return { text: t.status.done(`${what}${now}`), tone: 'ok' };
    }
    case 'stale': {
      const view = fate.view ?? current;
      const moved = fate.attempt.command.type === 'next' || fate.attempt.command.type === 'previous';
      return { text: moved ? t.status.staleAdvanced(shownAs(view, t)) : t.status.staleChanged(shownAs(view, t)), tone: 'warn' };
    }
    case 'failed':
      return { text: t.status.failed(t.status.reasons[fate.error] ?? fate.message), tone: 'error' };
  }
}
