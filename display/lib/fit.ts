/** What `fitText` settled on. */
export interface FitResult {
  /** Font size in design pixels (1080p units). */
  size: number;
  /** Which candidate is shown (0: the most complete). */
  candidate: number;
  /** The text shown (ends with "…" when cut). */
  text: string;
  truncated: boolean;
}

export interface FitOptions {
  /** Texts from the most complete to the shortest (e.g. every co-author, then fewer with "+ N co-authors"). */
  candidates: readonly string[];
  /** Largest and smallest font size, in design pixels (see the theme's `--u`). */
  max: number;
  min: number;
  /** At most this many lines. */
  lines: number;
}

function setSize(el: HTMLElement, size: number): void {
  el.style.fontSize = `calc(var(--u) * ${size})`;
}

/**
 * The height of the first line of the element's text as laid out, and the step to each further line. Not the
 * CSS line-height: with a font split by unicode range, the line's strut may come from another face, and the
 * first line box grows beyond it (a title at line-height 1.14 measures about 1.3 em for one line, but adds only
 * 1.14 em per further line, so counting in first-line heights let a five-line title take six).
 */
function lineMetrics(el: HTMLElement): { first: number; step: number } {
  const text = el.textContent;
  const sample = `Xg${Array.from(text.trim())[0] ?? ''}`;
  el.textContent = sample;
  const first = el.scrollHeight;
  el.replaceChildren(sample, document.createElement('br'), sample);
  const step = Math.max(1, el.scrollHeight - first);
  el.textContent = text;
  return { first, step };
}

function fits(el: HTMLElement, lines: number): boolean {
  if (el.scrollWidth > el.clientWidth + 1) return false;
  const height = el.scrollHeight;
  const { first, step } = lineMetrics(el);
  // Allow half a line of slack for rounding, never a whole extra line.
  return height <= first + step * (lines - 1) + step / 2;
}

function tryText(el: HTMLElement, text: string, lines: number): boolean {
  el.textContent = text;
  return fits(el, lines);
}

/** The largest integer in [low, high] for which `ok` holds (ok is monotonic, true at low), else undefined. */
function largest(low: number, high: number, ok: (n: number) => boolean): number | undefined {
  if (!ok(low)) return undefined;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ok(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The smallest integer in [low, high] for which `ok` holds (ok is monotonic, true at high). */
function smallest(low: number, high: number, ok: (n: number) => boolean): number {
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (ok(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Fits text into an element of a given width without overflow: the most complete text, shrunk from `max` down
 * to `min`; then shorter candidates at `min`; then the shortest cut with an ellipsis. Runs only when the text or
 * the width changes (a few synchronous layouts), never per frame. Sets the element's text and font size.
 */
export function fitText(el: HTMLElement, options: FitOptions): FitResult {
  const { candidates, lines } = options;
  const max = Math.max(options.max, options.min);
  const min = options.min;
  const first = candidates[0] ?? '';
  el.textContent = first;
  const size = largest(min, max, (n) => {
    setSize(el, n);
    return fits(el, lines);
  });
  if (size !== undefined) {
    setSize(el, size);
    return { size, candidate: 0, text: first, truncated: false };
  }
  setSize(el, min);
  // Shorter candidates fit more easily: the first one that fits at the smallest size.
  const shortest = candidates.length - 1;
  if (shortest >= 1 && tryText(el, candidates[shortest]!, lines)) {
    const index = smallest(1, shortest, (i) => tryText(el, candidates[i]!, lines));
    el.textContent = candidates[index]!;
    return { size: min, candidate: index, text: candidates[index]!, truncated: false };
  }
  const last = candidates[candidates.length - 1] ?? '';
  const chars = Array.from(last);
  const cut = (n: number) => `${chars.slice(0, n).join('').trimEnd()}…`;
  const keep = largest(0, chars.length, (n) => tryText(el, cut(n), lines)) ?? 0;
  const text = cut(keep);
  el.textContent = text;
  return { size: min, candidate: candidates.length - 1, text, truncated: true };
}
