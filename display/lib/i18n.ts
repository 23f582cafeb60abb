import type { ItemKind } from '../../shared/index.js';

/** Languages the screens speak. */
export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];

/** Every piece of text a screen shows that does not come from the program. */
export interface Strings {
  now: string;
  next: string;
  later: string;
  qa: string;
  break: string;
  hold: string;
  holdDetail: string;
  upNext: string;
  startsIn: string;
  endsIn: string;
  ends: string;
  upcoming: string;
  closed: string;
  starts: string;
  overtime: string;
  paused: string;
  dayOver: string;
  over: string;
  thanks: string;
  startingSoon: string;
  rightBack: string;
  notStreamed: string;
  thanksForWatching: string;
  reconnecting: string;
  watchStream: string;
  streamPaused: string;
  yourTime: string;
  restOfDay: string;
  allHalls: string;
  screens: string;
  lobby: string;
  liveTitle: string;
  nothingMore: string;
  /** Caption of the wall clock a speaker timer shows when nothing is timed (so it is not read as time left). */
  timeNow: string;
  kind: Record<ItemKind, string>;
  /** "Day 2 opens Friday 13:30"; `days` is the event's length (a one-day event has no day number). */
  opens(day: number, days: number, when: string): string;
  backAt(time: string): string;
  nextAt(time: string): string;
  until(time: string): string;
  runningLate(minutes: number): string;
  coAuthors(count: number): string;
  unknownHall(hallId: string): string;
  plannedAt(time: string): string;
  /** Which zones the page's times are in: the event's, and the viewer's own when it differs. */
  zoneNote(eventCity: string, ownCity: string | null): string;
}

const en: Strings = {
  now: 'Now',
  next: 'Next',
  later: 'Later',
  qa: 'Q&A',
  break: 'Break',
  hold: 'Please stand by',
  holdDetail: 'We will continue shortly',
  upNext: 'Up next',
  startsIn: 'Starts in',
  endsIn: 'Ends in',
  ends: 'Ends',
  upcoming: 'Upcoming',
  closed: 'Closed',
  starts: 'Starts',
  overtime: 'Over time',
  paused: 'Paused',
  dayOver: "That's all for today",
  over: 'The programme has ended',
  thanks: 'Thank you for joining us',
  startingSoon: 'Starting soon',
  rightBack: "We'll be right back",
  notStreamed: 'This session is not streamed',
  thanksForWatching: 'Thanks for watching',
  reconnecting: 'Reconnecting…',
  watchStream: 'Watch the stream',
  streamPaused: 'Not streamed right now',
  yourTime: 'your time',
  restOfDay: 'Rest of the day',
  allHalls: 'All halls',
  screens: 'Screens',
  lobby: 'Lobby',
  liveTitle: 'Live now',
  nothingMore: 'Nothing more today',
  timeNow: 'Time now',
  kind: {
    talk: 'Talk',
    ceremony: 'Ceremony',
    break: 'Break',
    meal: 'Meal',
    registration: 'Registration',
    social: 'Social',
    poster: 'Posters',
    tour: 'Tour',
    other: 'Programme',
  },
  opens: (day, days, when) => (days > 1 ? `Day ${day} opens ${when}` : `Opens ${when}`),
  backAt: (time) => `Back at ${time}`,
  nextAt: (time) => `Next at ${time}`,
  until: (time) => `until ${time}`,
  runningLate: (minutes) => `Running ${minutes} min late`,
  coAuthors: (count) => `+ ${count} co-author${count === 1 ? '' : 's'}`,
  unknownHall: (hallId) => `There is no hall “${hallId}” in the programme`,
  plannedAt: (time) => `planned ${time}`,
  zoneNote: (eventCity, ownCity) =>
    ownCity ? `Times in ${eventCity} time, and in yours (${ownCity})` : `Times in ${eventCity} time`,
};

const ja: Strings = {
  now: '現在',
  next: '次',
  later: 'この後',
  qa: '質疑応答',
  break: '休憩',
  hold: 'しばらくお待ちください',
  holdDetail: 'まもなく再開します',
  upNext: '次のプログラム',
  startsIn: '開始まで',
  endsIn: '終了まで',
  ends: '終了予定',
  upcoming: '開催予定',
  closed: '終了',
  starts: '開始予定',
  overtime: '時間超過',
  paused: '一時停止',
  dayOver: '本日のプログラムは終了しました',
  over: 'すべてのプログラムが終了しました',
  thanks: 'ご参加ありがとうございました',
  startingSoon: 'まもなく開始',
  rightBack: 'まもなく再開します',
  notStreamed: 'このセッションは配信しておりません',
  thanksForWatching: 'ご視聴ありがとうございました',
  reconnecting: '再接続中…',
  watchStream: '配信を見る',
  streamPaused: '現在は配信していません',
  yourTime: '（お住まいの地域）',
  restOfDay: '本日のこの後',
  allHalls: 'すべての会場',
  screens: '表示画面',
  lobby: 'ロビー',
  liveTitle: 'ただいま',
  nothingMore: '本日の予定はありません',
  timeNow: '現在時刻',
  kind: {
    talk: '講演',
    ceremony: '式典',
    break: '休憩',
    meal: '食事',
    registration: '受付',
    social: '懇親会',
    poster: 'ポスター',
    tour: '見学',
    other: 'プログラム',
  },
  opens: (day, days, when) => (days > 1 ? `${day}日目は ${when} から` : `${when} から`),
  backAt: (time) => `${time} 再開`,
  nextAt: (time) => `次は ${time} から`,
  until: (time) => `${time} まで`,
  runningLate: (minutes) => `約${minutes}分遅れで進行中`,
  coAuthors: (count) => `ほか${count}名`,
  unknownHall: (hallId) => `会場「${hallId}」はプログラムにありません`,
  plannedAt: (time) => `予定 ${time}`,
  zoneNote: (eventCity, ownCity) =>
    ownCity ? `時刻は${eventCity}の現地時間と、お住まいの地域（${ownCity}）の時刻です` : `時刻は${eventCity}の現地時間です`,
};

const TABLE: Record<Lang, Strings> = { en, ja };

/** The strings of a language. */
export function stringsFor(lang: Lang): Strings {
  return TABLE[lang];
}

/** A language from `?lang=`, else the event's, else English. */
export function resolveLang(query: string | null | undefined, eventLanguage: string | undefined): Lang {
  const wanted = [query, eventLanguage].find((l): l is Lang => (LANGS as readonly string[]).includes(l ?? ''));
  return wanted ?? 'en';
}

/** The label over the item on now: "Now" for a talk, "Now · Registration" for other kinds, "Q&A" in Q&A. */
export function nowLabel(t: Strings, kind: ItemKind, qa: boolean): string {
  if (qa) return t.qa;
  return kind === 'talk' ? t.now : `${t.now} · ${t.kind[kind]}`;
}
