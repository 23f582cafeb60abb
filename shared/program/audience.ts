import type { Item } from './schema.js';

/** True for an item only the people in the venue get: the stream shows the idle scene meanwhile. */
export function isOnsiteOnly(item: Pick<Item, 'audience'>): boolean {
  return item.audience === 'onsite';
}

/** The first item of `items` (a hall's, in order) after `itemId` that is streamed (not onsite-only), if any. */
export function nextStreamedItem<T extends Pick<Item, 'id' | 'audience'>>(items: readonly T[], itemId: string): T | undefined {
  const index = items.findIndex((item) => item.id === itemId);
  return index < 0 ? undefined : items.slice(index + 1).find((item) => !isOnsiteOnly(item));
}

/**
 * Coming items in the order an online viewer wants them: the first streamed item first, then the onsite-only
 * items that come before it (still in their order), then the rest as they come.
 */
export function streamedFirst<T>(coming: readonly T[], itemOf: (entry: T) => Pick<Item, 'audience'>): T[] {
  const first = coming.findIndex((entry) => !isOnsiteOnly(itemOf(entry)));
  if (first <= 0) return [...coming];
  return [coming[first]!, ...coming.slice(0, first), ...coming.slice(first + 1)];
}
