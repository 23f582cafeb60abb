import { computed, ref, type ComputedRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import {
  hallAbilities,
  restOfDay,
  type CatchUpPlan,
  type CatchUpPreview,
  type CatchUpRequest,
  type CheckIn,
  type Command,
  type HallAbilities,
  type LiveView,
  type ProjectedItem,
  type Surface,
} from '../../shared/index.js';
import { apiClient, type ApiAnswer } from '../../web/api.js';
import { useHallView, type LiveConnection } from '../../web/useLive.js';
import { useHallCommands, type HallCommands } from './useHallCommands.js';
import { useTitleIn } from './useTitleIn.js';

/** The chair's buttons, by the key their presses carry (the key also names the button's confirmation). */
export type ControlName = 'previous' | 'next' | 'qa' | 'break' | 'hold' | 'extend+1' | 'extend+5' | 'extend-1' | 'message';

/** What one button shows: the props of an ActionButton. */
export interface ControlButton {
  label: string;
  detail: string;
  tone: 'primary' | 'normal' | 'active';
  /** pending: sent, no answer yet; done: the server confirmed. */
  state: 'idle' | 'pending' | 'done';
  disabled: boolean;
  testid: string;
}

/** Which sheet is open over the controls. */
export type ControlSheet = 'message' | 'break' | 'checkIn' | 'catchUp' | null;

export interface HallControls {
  view: ComputedRef<LiveView | null>;
  commands: HallCommands;
  /** What the hall's buttons can do now (shared/live/predicates.ts), null until program and state are known. */
  abilities: ComputedRef<HallAbilities | null>;
  /** Every button as the chair panel shows it; the console's cards shorten some labels. */
  buttons: ComputedRef<Record<ControlName, ControlButton>>;
  /** The title of the item the big button starts, in the page's language ('' when it ends the day or does nothing). */
  nextTitle: ComputedRef<string>;
  sheet: Readonly<Ref<ControlSheet>>;
  /** Opens a sheet over the controls, or closes it (null). */
  openSheet(which: ControlSheet): void;
  /** Presses a button (a disabled one does nothing; message and, on a break, break open their sheet). */
  press(name: ControlName): void;
  /** Starts a break of `minutes`, or the program's break as planned (undefined); closes the sheet. */
  startBreak(minutes: number | undefined): void;
  sendMessage(text: string, targets: Surface[]): void;
  clearMessage(): void;
  /** Puts an approved audience question on air (`showQuestion`), with the revision rules of every press. */
  showQuestion(questionId: string): void;
  /** Takes the question on air off (`hideQuestion`); with `questionId`, only if that one is on air. */
  hideQuestion(questionId?: string): void;
  /** The event's time zone (UTC until the program is known). */
  zone: ComputedRef<string>;
  /** The coming items of the hall's day with projected times (the item on now not among them). */
  coming: ComputedRef<ProjectedItem[]>;
  /** The hall's check-ins by item id. */
  checkIns: ComputedRef<Record<string, CheckIn>>;
  /** Marks a coming item's speaker present, or takes it back (`checkIn`). */
  checkIn(itemId: string, present: boolean): void;
  /** Each catch-up plan worked out by the server now (`POST …/catch-up/preview`); nothing is applied. */
  previewCatchUp(request: CatchUpRequest): Promise<ApiAnswer<CatchUpPreview[]>>;
  /** Applies one plan (`catchUp`); closes the sheet. */
  catchUp(untilItemId: string, plan: CatchUpPlan): void;
  /** Takes the newest catch-up back (`undoCatchUp`). */
  undoCatchUp(): void;
}

const EXTEND: Record<'extend+1' | 'extend+5' | 'extend-1', number> = { 'extend+1': 1, 'extend+5': 5, 'extend-1': -1 };

/**
 * The chair's controls of one hall, as the chair panel and the console's hall cards both hold them: which
 * button is on (from the reducer's own predicates), what each says, the open sheet, and the presses, sent
 * through useHallCommands (its id and the revision it was made on). Its texts follow the page's language (vue-i18n).
 */
export function useHallControls(live: LiveConnection, hallId: Ref<string>, token?: string): HallControls {
  const { t } = useI18n();
  const titleIn = useTitleIn();
  const api = apiClient(token);
  const view = useHallView(live, hallId);
  const commands = useHallCommands(live, hallId, view);
  const sheet = ref<ControlSheet>(null);
  const abilities = computed(() => {
    const program = live.program.value;
    const snapshot = live.snapshots.value[hallId.value];
    return program && snapshot ? hallAbilities(program, snapshot.state, live.now.value) : null;
  });

  const coming = computed(() => {
    const program = live.program.value;
    const snapshot = live.snapshots.value[hallId.value];
    return program && snapshot ? restOfDay(program, snapshot.state, live.now.value) : [];
  });
  const checkIns = computed(() => live.snapshots.value[hallId.value]?.state.checkIns ?? {});

  function stateOf(key: string): ControlButton['state'] {
    if (commands.inFlight.value?.key === key) return 'pending';
    return commands.doneKey.value === key ? 'done' : 'idle';
  }

  const nextTitle = computed(() => {
    const step = abilities.value?.next;
    // In the page's language, as the now and next cards show it.
    return step?.kind === 'start' ? titleIn(step.item) : '';
  });

  const buttons = computed((): Record<ControlName, ControlButton> => {
    const a = abilities.value;
    const off = !view.value || !a;
    const button = (name: ControlName, label: string, disabled: boolean, extra: Partial<ControlButton> = {}) => ({
      label,
      detail: '',
      tone: 'normal' as const,
      state: stateOf(name),
      disabled: off || disabled,
      testid: `btn-${name}`,
      ...extra,
    });
    const nextLabel = a?.nextLabel ?? 'none';
    return {
      previous: button('previous', t('panel.action.previous'), !a?.canGoBack, { testid: 'btn-back' }),
      next: button('next', t(`panel.action.${nextLabel === 'none' ? 'next' : nextLabel}`), nextLabel === 'none', {
        tone: 'primary',
        detail: nextTitle.value && t('panel.upNext', { title: nextTitle.value }),
      }),
      qa: button('qa', t('panel.action.qa'), !a?.canQa),
      break: button('break', t('panel.action.break'), false, {
        detail: a?.onBreak ? t('panel.action.breakLength') : t('panel.breakSheet.minutes', { m: a?.breakMinutes ?? 10 }),
      }),
      hold: button('hold', a?.onHold ? t('panel.action.release') : t('panel.action.hold'), false, {
        tone: a?.onHold ? 'active' : 'normal',
      }),
      'extend+1': button('extend+1', t('panel.action.extend1'), !a?.timed, { testid: 'btn-extend1' }),
      'extend+5': button('extend+5', t('panel.action.extend5'), !a?.timed, { testid: 'btn-extend5' }),
      'extend-1': button('extend-1', t('panel.action.shorten1'), !a?.timed, { testid: 'btn-shorten1' }),
      message: button('message', t('panel.action.message'), false, { disabled: !view.value }),
    };
  });

  function send(key: string, command: Command, label?: string) {
    if (view.value) commands.send(key, command, label);
  }

  function press(name: ControlName): void {
    const a = abilities.value;
    if (!a || buttons.value[name].disabled) return;
    if (name === 'next') send('next', { type: 'next' }, buttons.value.next.label);
    else if (name === 'previous') send('previous', { type: 'previous' });
    else if (name === 'qa') send('qa', { type: 'qa' });
    else if (name === 'hold') send('hold', a.onHold ? { type: 'release' } : { type: 'hold' });
    else if (name === 'message') sheet.value = 'message';
    // On a break, "break" needs its new length: ask.
    else if (name === 'break') {
      if (a.onBreak) sheet.value = 'break';
      else send('break', a.breakItem ? { type: 'break' } : { type: 'break', minutes: a.breakMinutes });
    } else send(name, { type: 'extend', minutes: EXTEND[name] });
  }

  return {
    view,
    commands,
    abilities,
    buttons,
    nextTitle,
    sheet,
    openSheet: (which) => (sheet.value = which),
    press,
    startBreak(minutes) {
      sheet.value = null;
      send('break', minutes === undefined ? { type: 'break' } : { type: 'break', minutes });
    },
    sendMessage(text, targets) {
      sheet.value = null;
      send('message', { type: 'message', text, targets });
    },
    clearMessage() {
      sheet.value = null;
      send('clearMessage', { type: 'clearMessage' });
    },
    showQuestion(questionId) {
      send(`question:${questionId}`, { type: 'showQuestion', questionId });
    },
    hideQuestion(questionId) {
      send('question:off', { type: 'hideQuestion', ...(questionId ? { questionId } : {}) });
    },
    zone: computed(() => live.program.value?.event.timeZone ?? 'UTC'),
    coming,
    checkIns,
    checkIn(itemId, present) {
      send(`checkIn:${itemId}`, { type: 'checkIn', itemId, present });
    },
    previewCatchUp: (request) =>
      api.call('POST /api/v1/halls/:hallId/catch-up/preview', { params: { hallId: hallId.value }, body: request }),
    catchUp(untilItemId, plan) {
      sheet.value = null;
      send('catchUp', { type: 'catchUp', untilItemId, plan });
    },
    undoCatchUp() {
      send('undoCatchUp', { type: 'undoCatchUp' });
    },
  };
}
