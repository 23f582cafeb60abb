import type { I18n } from 'vue-i18n';
import en from './console.en.json' with { type: 'json' };
import ja from './console.ja.json' with { type: 'json' };

/**
 * The director console's own texts (`console.*`), in catalogues of their own: only the control pages' bundle
 * imports this file, so the screens never load them (tests/e2e/33-bundle-size.spec.ts holds the screens' size).
 */
export type ConsoleCatalogue = typeof en;

declare module 'vue-i18n' {
  // Typed keys for `t('console.…')` too (index.ts declares the shared catalogue's).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends ConsoleCatalogue {}
}

/** Adds the console's texts to an app's i18n (`createLecternI18n()`); answers it. */
export function withConsoleTexts<T extends Pick<I18n, 'install'>>(i18n: T): T {
  const global = (i18n as unknown as { global: unknown }).global as { mergeLocaleMessage(lang: string, messages: unknown): void };
  global.mergeLocaleMessage('en', en);
  global.mergeLocaleMessage('ja', ja as ConsoleCatalogue);
  return i18n;
}
