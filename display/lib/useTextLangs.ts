import { computed, inject, provide, type ComputedRef, type InjectionKey } from 'vue';
import { useI18n } from 'vue-i18n';
import { itemTitle, speakerIn, type Item, type Speaker, type TextIn } from '../../shared/index.js';
import { useLang, type Lang } from '../../web/i18n/index.js';
import type { HallScene } from './scene.js';
import { langOf } from './textLang.js';

const TEXT_LANGS: InjectionKey<ComputedRef<readonly Lang[]>> = Symbol('text languages');

/** The languages a page shows program text in (one or two, in order): its components read them with useTextLangs. */
export function provideTextLangs(langs: ComputedRef<readonly Lang[]>): void {
  provide(TEXT_LANGS, langs);
}

/** What a component needs to show program text in the page's languages. */
export interface TextLangs {
  /** The page's languages, in order; the UI texts follow the first. */
  langs: ComputedRef<readonly Lang[]>;
  /** The second language when the page shows two (signage and lobby with `?lang=ja,en`). */
  second: ComputedRef<Lang | undefined>;
  /** An item's title in the first language (falling back to its default title). */
  titleOf(item: Pick<Item, 'title' | 'titles'>): TextIn;
  /** What a break is called on a screen: its item's title in the first language, else "Break" (an ad-hoc break). */
  breakTitleOf(scene: HallScene | null | undefined): TextIn;
  /** Speakers with name and affiliation in the first language. */
  speakersOf<S extends Speaker>(speakers: readonly S[]): S[];
}

/**
 * The page's text languages (provided by useScreen), else the UI language alone. A page passes its own
 * (`screen.langs`): what a component provides reaches its children, not itself.
 */
export function useTextLangs(own?: ComputedRef<readonly Lang[]>): TextLangs {
  const ui = useLang();
  const { t } = useI18n();
  const provided = own ?? inject(TEXT_LANGS, null);
  const langs = computed<readonly Lang[]>(() => provided?.value ?? [ui.value]);
  const first = () => langs.value[0];
  return {
    langs,
    second: computed(() => langs.value[1]),
    titleOf: (item) => itemTitle(item, first()),
    breakTitleOf: (scene) =>
      scene?.kind === 'break' && scene.item ? itemTitle(scene.item, first()) : { text: t('screen.break'), lang: undefined },
    speakersOf: (speakers) => speakers.map((speaker) => speakerIn(speaker, first())),
  };
}

/**
 * The `lang` attribute for program text shown in a language: the translation's, else as `langOf` guesses, else the
 * language asked for when it is not Japanese (a default title in Latin script asked for in English is English; on
 * a ja+en screen it must not inherit the document's "ja").
 */
export function langOfText(text: TextIn, itemLanguage?: string, asked?: string): string | undefined {
  return text.lang ?? langOf(text.text, itemLanguage) ?? (asked && asked !== 'ja' ? asked : undefined);
}
