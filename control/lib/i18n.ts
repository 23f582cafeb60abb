import { computed, type ComputedRef, type Ref } from 'vue';
import type { Phase, Surface } from '../../shared/index.js';

/** Languages of the chair panel. */
export type Lang = 'en' | 'ja';

const en = {
  langName: 'English',
  phase: {
    idle: 'Not started',
    talk: 'On now',
    qa: 'Q&A',
    break: 'Break',
    hold: 'On hold',
    ended: 'Day ended',
  } satisfies Record<Phase, string>,
  followsSchedule: 'Following the printed schedule until you press Start',
  now: 'Now',
  next: 'Next',
  nothingNow: 'Nothing running',
  nothingNext: 'Nothing more today',
  adHocBreak: 'Break',
  coAuthors: (n: number) => `+ ${n} co-author${n === 1 ? '' : 's'}`,
  elapsed: 'Elapsed',
  remaining: 'Remaining',
  over: 'Over by',
  paused: 'Paused, left',
  planned: 'planned',
  expectedAt: 'expected',
  late: (min: number) => `running ${min} min late`,
  onTime: 'on time',
  action: {
    next: 'Start next',
    start: 'Start',
    endDay: 'End the day',
    previous: 'Back',
    qa: 'Q&A',
    break: 'Break',
    breakMinutes: (m: number) => `Break ${m} min`,
    breakLength: 'Break length',
    hold: 'Hold',
    release: 'Release',
    extend1: '+1 min',
    extend5: '+5 min',
    shorten1: '−1 min',
    extendBy: (m: number) => `${m > 0 ? '+' : '−'}${Math.abs(m)} min`,
    message: 'Message',
    clearMessage: 'Clear message',
    reset: 'Reset',
  },
  upNext: (title: string) => `starts “${title}”`,
  keys: 'Keys',
  keyHelp: [
    ['Space  →  PgDn', 'Start next'],
    ['←  PgUp', 'Back'],
    ['Q', 'Q&A'],
    ['B', 'Break'],
    ['H', 'Hold / release'],
    ['+  −', '±1 min'],
  ] as [string, string][],
  status: {
    sending: (what: string) => `Sending: ${what}…`,
    retrying: (what: string) => `No answer yet, sending again: ${what}…`,
    waiting: (what: string) => `Waiting for the connection to send: ${what}`,
    done: (what: string) => `Done: ${what}`,
    duplicateDone: (what: string) => `Done: ${what}`,
    staleAdvanced: (title: string) => `Already advanced by another device. Now: ${title}. Nothing was applied twice.`,
    staleChanged: (title: string) => `Another device changed the hall first; your press was not applied. Now: ${title}.`,
    busy: 'Wait: the last press is still being sent',
    failed: (why: string) => `Not done: ${why}`,
    /** Why a press was refused, by error code, where the server's own (English) message will not do. */
    reasons: {} as Partial<Record<string, string>>,
  },
  offline: {
    banner: 'Offline: this panel cannot reach Lectern. Reconnecting…',
    queuedWhileOffline: (what: string) => `Queued: ${what}. You will be asked to confirm when the connection is back.`,
    back: 'The connection is back.',
    confirm: (what: string) => `Send “${what}” now?`,
    hallIsNow: 'The hall now shows',
    send: 'Send now',
    discard: 'Discard',
  },
  wake: {
    on: 'Screen stays awake',
    hint: 'Keep this tablet awake: turn off auto-lock (iPad: Settings › Display & Brightness › Auto-Lock › Never; Android: Settings › Display › Screen timeout) and keep it on power.',
    dismiss: 'OK',
  },
  messageSheet: {
    title: 'Message on the screens',
    placeholder: 'e.g. Please take your seats',
    presets: [
      'Please take your seats',
      'Short technical break',
      'Please switch off your phones',
      'Questions: please use the microphone',
    ],
    targets: 'Show on',
    send: 'Show message',
    clear: 'Remove message',
    cancel: 'Cancel',
    current: 'On the screens now',
    chars: (n: number, max: number) => `${n} / ${max}`,
  },
  surface: {
    signage: 'Hall screens',
    lobby: 'Lobby',
    timer: 'Speaker timer',
    stream: 'Stream',
    live: 'Public page',
  } satisfies Record<Surface, string>,
  breakSheet: {
    title: 'Start a break of',
    minutes: (m: number) => `${m} min`,
    programBreak: (title: string, m: number) => `${title} from the program (${m} min)`,
    cancel: 'Cancel',
  },
  access: {
    checking: 'Checking the link…',
    missing: 'This panel needs its access link',
    missingHelp:
      'Open the chair link or scan the QR code you were given (it ends with #token=…). Ask the director if you have none.',
    invalid: 'This link does not work (any more)',
    invalidHelp: 'It was revoked or mistyped. Ask the director for a new link or QR code.',
    wrongHall: (hall: string) => `This link is for ${hall}`,
    wrongHallHelp: 'A chair link runs one hall. Open the panel of the hall it is for, or ask the director for this hall’s link.',
    openOwn: (hall: string) => `Open the panel for ${hall}`,
    unreachable: 'Cannot reach Lectern',
    unreachableHelp: 'Check the Wi-Fi. Trying again…',
    unknownHall: (id: string) => `There is no hall “${id}” in the program`,
  },
  connected: 'Connected',
  disconnected: 'Offline',
  rehearsal: 'Rehearsal clock',
};

export type Messages = typeof en;

const ja: Messages = {
  langName: '日本語',
  phase: { idle: '未開始', talk: '進行中', qa: '質疑応答', break: '休憩', hold: '一時停止', ended: '本日終了' },
  followsSchedule: '開始を押すまではプログラムの予定どおりに表示します',
  now: '現在',
  next: '次',
  nothingNow: '進行中の項目はありません',
  nothingNext: '本日の予定はこれで終わりです',
  adHocBreak: '休憩',
  coAuthors: (n) => `ほか${n}名`,
  elapsed: '経過',
  remaining: '残り',
  over: '超過',
  paused: '停止中・残り',
  planned: '予定',
  expectedAt: '見込み',
  late: (min) => `${min}分遅れ`,
  onTime: '定刻どおり',
  action: {
    next: '次へ',
    start: '開始',
    endDay: '本日を終了',
    previous: '戻る',
    qa: '質疑応答',
    break: '休憩',
    breakMinutes: (m) => `休憩 ${m}分`,
    breakLength: '休憩の長さ',
    hold: '一時停止',
    release: '再開',
    extend1: '+1分',
    extend5: '+5分',
    shorten1: '−1分',
    extendBy: (m) => `${m > 0 ? '+' : '−'}${Math.abs(m)}分`,
    message: 'メッセージ',
    clearMessage: 'メッセージを消す',
    reset: 'リセット',
  },
  // The verb first: a long title is cut with an ellipsis at the end of the line, and the verb must stay.
  upNext: (title) => `開始：「${title}」`,
  keys: 'キー操作',
  keyHelp: [
    ['Space  →  PgDn', '次へ'],
    ['←  PgUp', '戻る'],
    ['Q', '質疑応答'],
    ['B', '休憩'],
    ['H', '一時停止／再開'],
    ['+  −', '±1分'],
  ],
  status: {
    sending: (what) => `送信中：${what}…`,
    retrying: (what) => `応答がないため再送信中：${what}…`,
    waiting: (what) => `接続の回復を待って送信します：${what}`,
    done: (what) => `完了：${what}`,
    duplicateDone: (what) => `完了：${what}`,
    staleAdvanced: (title) => `別の端末ですでに進められています。現在：${title}。二重には適用されていません。`,
    staleChanged: (title) => `別の端末が先に操作したため、この操作は適用されませんでした。現在：${title}。`,
    busy: 'お待ちください：直前の操作を送信中です',
    failed: (why) => `できませんでした：${why}`,
    reasons: {
      not_applicable: '今の状態ではこの操作はできません',
      unknown_item: 'その項目はプログラムにありません',
      unauthorized: 'このリンクは使用できません',
      forbidden: 'このリンクではこの操作はできません',
      not_found: 'このホールはプログラムにありません',
      invalid: '操作の内容が正しくありません',
      store_failed: 'サーバーが保存できませんでした。もう一度押してください',
      internal: 'サーバーで問題が起きました。もう一度押してください',
    },
  },
  offline: {
    banner: 'オフライン：Lecternに接続できません。再接続しています…',
    queuedWhileOffline: (what) => `保留中：${what}。接続が戻ったら確認します。`,
    back: '接続が回復しました。',
    confirm: (what) => `「${what}」を今送信しますか？`,
    hallIsNow: 'ホールの現在の表示',
    send: '今すぐ送信',
    discard: '取り消す',
  },
  wake: {
    on: '画面は消灯しません',
    hint: 'タブレットが消灯しないようにしてください（iPad：設定 › 画面表示と明るさ › 自動ロック › なし／Android：設定 › ディスプレイ › 画面消灯）。電源にもつないでください。',
    dismiss: 'OK',
  },
  messageSheet: {
    title: 'スクリーンへのメッセージ',
    placeholder: '例：ご着席ください',
    presets: [
      'ご着席ください',
      '技術的な理由で少々お待ちください',
      '携帯電話の電源をお切りください',
      'ご質問はマイクをお使いください',
    ],
    targets: '表示先',
    send: 'メッセージを表示',
    clear: 'メッセージを消す',
    cancel: 'キャンセル',
    current: '表示中のメッセージ',
    chars: (n, max) => `${n} / ${max}`,
  },
  surface: { signage: '会場スクリーン', lobby: 'ロビー', timer: '講演者タイマー', stream: '配信', live: '公開ページ' },
  breakSheet: {
    title: '休憩を開始',
    minutes: (m) => `${m}分`,
    programBreak: (title, m) => `プログラムの「${title}」（${m}分）`,
    cancel: 'キャンセル',
  },
  access: {
    checking: 'リンクを確認しています…',
    missing: 'このパネルには専用のリンクが必要です',
    missingHelp:
      '配布されたリンクを開くか、QRコードを読み取ってください（末尾が #token=…）。お持ちでない場合はディレクターにお問い合わせください。',
    invalid: 'このリンクは使用できません',
    invalidHelp: '無効化されたか、入力に誤りがあります。新しいリンクまたはQRコードをディレクターにお問い合わせください。',
    wrongHall: (hall) => `このリンクは「${hall}」用です`,
    wrongHallHelp:
      '座長用リンクは1つのホール専用です。対応するホールのパネルを開くか、このホールのリンクをディレクターにお問い合わせください。',
    openOwn: (hall) => `「${hall}」のパネルを開く`,
    unreachable: 'Lecternに接続できません',
    unreachableHelp: 'Wi-Fiを確認してください。再試行しています…',
    unknownHall: (id) => `プログラムにホール「${id}」はありません`,
  },
  connected: '接続中',
  disconnected: 'オフライン',
  rehearsal: 'リハーサル時計',
};

const DICTIONARIES: Record<Lang, Messages> = { en, ja };

/** The language asked for with `?lang=`, if it is one the panel speaks. */
export function langFromUrl(search = location.search): Lang | undefined {
  const wanted = new URLSearchParams(search).get('lang');
  return wanted === 'en' || wanted === 'ja' ? wanted : undefined;
}

/** The panel's texts: `?lang=` first, else the event's language, else English. */
export function useMessages(eventLanguage: Ref<string | undefined>): { lang: ComputedRef<Lang>; t: ComputedRef<Messages> } {
  const fromUrl = langFromUrl();
  const lang = computed<Lang>(() => fromUrl ?? (eventLanguage.value === 'ja' ? 'ja' : 'en'));
  return { lang, t: computed(() => DICTIONARIES[lang.value]) };
}

/** English texts, for pages that are English only (the director console). */
export const EN: Messages = en;
/** Japanese texts. */
export const JA: Messages = ja;
