import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT } from '../support/server.js';

/** Test programs made for the screens. */
export const STRESS_PROGRAM = join(ROOT, 'tests/fixtures/display-stress.program.json');
export const JAPANESE_PROGRAM = join(ROOT, 'tests/fixtures/display-ja.program.json');
export const CCC_PROGRAM = join(ROOT, 'tests/fixtures/31c3.program.json');

export const LANDSCAPE = { width: 1920, height: 1080 };
export const PORTRAIT = { width: 1080, height: 1920 };

/** The server's clock now (epoch ms). */
export async function serverTime(base: string): Promise<number> {
  const response = await fetch(`${base}/healthz`);
  return ((await response.json()) as { serverTime: number }).serverTime;
}

/** Waits until a display page shows a hall (or the lobby/live page has its program) and its fonts are in. */
export async function screenReady(page: Page): Promise<void> {
  await page.locator('[data-revision], .lobby, .live-page, [data-testid="index-hall"]').first().waitFor();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Brings a tab to the front and lets it draw two frames. A tab in the background does not render, so its resize
 * observers (the lists that show as many rows as fit) have not run yet; a venue screen is always in front.
 */
export async function inFront(page: Page): Promise<void> {
  await page.bringToFront();
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/**
 * Everything that spills out of its box: the page scrolling, an element wider than its box (scrollWidth), a child
 * box outside its parent's padding box, the ink of a line of text outside its element. (Not scrollHeight: a line
 * box is its CSS line-height, and a font's ascent and descent, 1.45 em for Noto Sans JP, count as scrollable
 * overflow past it without any ink being there; the glyphs' real extent is measured instead.) CSS-ellipsis
 * boxes cut visibly, by design.
 */
export function overflowing(page: Page, options: { scrolls?: boolean } = {}): Promise<string[]> {
  return page.evaluate((scrolls) => {
    const out: string[] = [];
    const root = document.scrollingElement!;
    // A web page (the public live page, the index) may scroll down, never sideways; a screen never scrolls.
    if (root.scrollWidth > innerWidth + 1 || (!scrolls && root.scrollHeight > innerHeight + 1)) {
      out.push(`page scrolls: ${root.scrollWidth}x${root.scrollHeight} in ${innerWidth}x${innerHeight}`);
    }
    const context = document.createElement('canvas').getContext('2d')!;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 50)}"`;
    // The body of a closed <details> is not drawn (only its summary is).
    const undrawn = (el: Element) => !!el.parentElement?.closest('details:not([open])') && !el.closest('summary');
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el);
      if (undrawn(el)) continue;
      if (style.display === 'inline' || style.display === 'contents' || style.display === 'none') continue;
      if (style.textOverflow === 'ellipsis') continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${describe(el)} is ${el.scrollWidth} wide in ${el.clientWidth}`);
      const rect = el.getBoundingClientRect();
      const box = {
        left: rect.left + el.clientLeft,
        top: rect.top + el.clientTop,
        right: rect.left + el.clientLeft + el.clientWidth,
        bottom: rect.top + el.clientTop + el.clientHeight,
      };
      for (const child of Array.from(el.children)) {
        const childStyle = getComputedStyle(child);
        // Inline children are lines of this box: their text is checked below, by its ink.
        if (childStyle.display === 'none' || childStyle.display === 'inline' || childStyle.position === 'fixed') continue;
        if (undrawn(child)) continue;
        const r = child.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
          out.push(
            `${describe(child)} [${Math.round(r.top)}–${Math.round(r.bottom)}] leaves ${describe(el)} [${Math.round(box.top)}–${Math.round(box.bottom)}]`,
          );
        }
      }
      const texts: Text[] = [];
      const collect = (parent: Node) => {
        for (const node of Array.from(parent.childNodes)) {
          if (node.nodeType === Node.TEXT_NODE) texts.push(node as Text);
          else if (node instanceof HTMLElement && getComputedStyle(node).display === 'inline') collect(node);
        }
      };
      collect(el);
      for (const node of texts) {
        if (!(node.textContent ?? '').trim()) continue;
        // Where the glyphs' ink is, inside each line's font box (ascent + descent).
        const font = getComputedStyle(node.parentElement!);
        context.font = `${font.fontStyle} ${font.fontWeight} ${font.fontSize} ${font.fontFamily}`;
        const m = context.measureText(node.textContent ?? '');
        const inkTop = m.fontBoundingBoxAscent - m.actualBoundingBoxAscent;
        const inkBottom = m.fontBoundingBoxDescent - m.actualBoundingBoxDescent;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const line of Array.from(range.getClientRects())) {
          const top = line.top + inkTop;
          const bottom = line.bottom - inkBottom;
          if (top < box.top - 1 || bottom > box.bottom + 1 || line.right > box.right + 1 || line.left < box.left - 1) {
            out.push(
              `text of ${describe(el)} [${Math.round(top)}–${Math.round(bottom)}] leaves its box [${Math.round(box.top)}–${Math.round(box.bottom)}]`,
            );
            break;
          }
        }
      }
    }
    return out;
  }, options.scrolls ?? false);
}

/** Text smaller than `minPx` CSS pixels (on a 1080p screen: nothing a hall must read under 28 px). */
export function smallText(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !(node.textContent ?? '').trim()) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size < min - 0.5) out.push(`${size}px: ${(node.textContent ?? '').trim().slice(0, 50)}`);
    }
    return out;
  }, minPx);
}
