import type { Command, LiveView } from '../../shared/index.js';
import type { Translate } from '../../web/i18n/index.js';
import type { Fate } from './useHallCommands.js';

/** The commands whose label is one text, whatever they carry. */
const PLAIN_LABELS = {
  next: 'panel.action.next',
  previous: 'panel.action.previous',
  qa: 'panel.action.qa',
  hold: 'panel.action.hold',
  release: 'panel.action.release',
  clearMessage: 'panel.action.clearMessage',
  goto: 'panel.action.start',
  reset: 'panel.action.reset',
  catchUp: 'panel.action.catchUp',
  undoCatchUp: 'panel.action.undoCatchUp',
  showQuestion: 'panel.action.showQuestion',
  hideQuestion: 'panel.action.hideQuestion',
} as const satisfies Partial<Record<Command['type'], string>>;

type PlainCommand = Extract<Command, { type: keyof typeof PLAIN_LABELS }>;
const isPlain = (command: Command): command is PlainCommand => command.type in PLAIN_LABELS;

/** A command as a person says it: "Start next", "+5 min", "Break 15 min". */
export function commandLabel(command: Command, t: Translate): string {
  if (isPlain(command)) return t(PLAIN_LABELS[command.type]);
  switch (command.type) {
    case 'break':
      return command.minutes ? t('panel.action.breakMinutes', { m: command.minutes }) : t('panel.action.break');
    case 'extend':
      return command.minutes > 0
        ? t('panel.action.extendBy', { m: command.minutes })
        : t('panel.action.shortenBy', { m: -command.minutes });
    case 'message':
      return `${t('panel.action.message')}: “${command.text}”`;
    case 'checkIn':
      return command.present ? t('panel.action.checkIn') : t('panel.action.checkOut');
  }
}

/** What a hall shows, in a few words: its current item, else its phase. */
export function shownAs(view: LiveView | null, t: Translate): string {
  if (!view) return '—';
  return view.now ? `${view.now.title} (${t(`panel.phase.${view.phase}`)})` : t(`panel.phase.${view.phase}`);
}

/** What the status line needs of the page's i18n: `t`, and `te` to know whether a refusal has a text of its own. */
export interface PanelI18n {
  t: Translate;
  te: (key: string) => boolean;
}

/**
 * The status line for a press's fate, and how it should look. Why a press was refused: the language's own text for
 * the error code where it has one (`panel.status.reasons.*`), else the server's (English) message.
 */
export function fateText(
  fate: Fate,
  { t, te }: PanelI18n,
  current: LiveView | null,
): { text: string; tone: 'info' | 'ok' | 'warn' | 'error' } {
  if (fate.kind === 'busy') return { text: t('panel.status.busy'), tone: 'info' };
  const what = fate.attempt.label ?? commandLabel(fate.attempt.command, t);
  switch (fate.kind) {
    case 'sending':
      return { text: t('panel.status.sending', { what }), tone: 'info' };
    case 'retrying':
      return { text: t('panel.status.retrying', { what }), tone: 'info' };
    case 'waiting':
      return { text: t('panel.status.waiting', { what }), tone: 'warn' };
    case 'queued':
      return { text: t('panel.offline.queuedWhileOffline', { what }), tone: 'warn' };
    case 'done': {
      const now =
        fate.attempt.command.type === 'next' || fate.attempt.command.type === 'previous' ? ` → ${shownAs(fate.view, t)}` : '';
      return { text: t('panel.status.done', { what: `${what}${now}` }), tone: 'ok' };
    }
    case 'stale': {
      const view = fate.view ?? current;
      const moved = fate.attempt.command.type === 'next' || fate.attempt.command.type === 'previous';
      return {
        text: moved
          ? t('panel.status.staleAdvanced', { title: shownAs(view, t) })
          : t('panel.status.staleChanged', { title: shownAs(view, t) }),
        tone: 'warn',
      };
    }
    case 'failed':
      return {
        text: t('panel.status.failed', {
          why: te(`panel.status.reasons.${fate.error}`) ? t(`panel.status.reasons.${fate.error}` as never) : fate.message,
        }),
        tone: 'error',
      };
  }
}
