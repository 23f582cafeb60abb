import { itemTitle, type Item } from '../../shared/index.js';
import { useLang } from '../../web/i18n/index.js';

/**
 * An item's title in the page's language (the chair panel's, the console's), falling back to its default title,
 * as the screens do (shared/program/languages.ts).
 */
export function useTitleIn(): (item: Pick<Item, 'title' | 'titles'>) => string {
  const lang = useLang();
  return (item) => itemTitle(item, lang.value).text;
}
