import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM } from '../e2e/playwright.config.js';
import { command } from '../support/http.js';
import { startServer } from '../support/server.js';
import { kib, table, type Bench } from './bench.js';

/** How long each page sits idle while its CPU is measured (s). */
const IDLE_S = Number(process.env.LECTERN_BENCH_IDLE_S ?? 10);

interface PageCase {
  name: string;
  path: string;
  viewport: { width: number; height: number };
  /** Commands sent before the page opens. */
  before?: Record<string, unknown>[];
}

const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };
const cases: PageCase[] = [
  { name: 'signage (landscape)', path: '/display/hall/namba', viewport: LANDSCAPE },
  { name: 'signage (portrait)', path: '/display/hall/namba', viewport: PORTRAIT },
  { name: 'lobby', path: '/display/lobby', viewport: LANDSCAPE },
  { name: 'speaker timer', path: '/display/timer/namba', viewport: LANDSCAPE },
  {
    name: 'speaker timer, over time (flashing)',
    path: '/display/timer/namba',
    viewport: LANDSCAPE,
    before: [{ type: 'extend', minutes: -40 }],
  },
  { name: 'stream overlay', path: '/display/overlay/namba', viewport: LANDSCAPE },
  { name: 'public live page', path: '/live', viewport: { width: 1280, height: 860 } },
  { name: 'screens index', path: '/display', viewport: { width: 1280, height: 860 } },
];

interface PageNumbers {
  page: string;
  jsBytes: number;
  jsGzipBytes: number;
  cssBytes: number;
  cssGzipBytes: number;
  fontFiles: number;
  fontBytes: number;
  idleSeconds: number;
  /** Main-thread task time while idle (ms), and as a share of the idle time (%). */
  taskMs: number;
  cpuPercent: number;
  scriptMs: number;
  layouts: number;
  styleRecalcs: number;
}

async function metrics(cdp: import('@playwright/test').CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function measure(page: Page, base: string, c: PageCase): Promise<PageNumbers> {
  const bodies: { type: string; url: string; body: Buffer }[] = [];
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (['script', 'stylesheet', 'font'].includes(type) && response.ok()) {
      bodies.push({ type, url: response.url(), body: await response.body().catch(() => Buffer.alloc(0)) });
    }
  });
  await page.goto(`${base}${c.path}`);
  await page.locator('[data-revision], .lobby, .live-page, [data-testid="index-hall"]').first().waitFor();
  // A string runs in the page: this file is Node code (no DOM types) that drives a browser.
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  await page.waitForTimeout(2000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const before = await metrics(cdp);
  await page.waitForTimeout(IDLE_S * 1000);
  const after = await metrics(cdp);
  const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  const of = (type: string) => bodies.filter((b) => b.type === type);
  const sum = (list: { body: Buffer }[], gzip = false) =>
    list.reduce((n, b) => n + (gzip ? gzipSync(b.body).length : b.body.length), 0);
  return {
    page: c.name,
    jsBytes: sum(of('script')),
    jsGzipBytes: sum(of('script'), true),
    cssBytes: sum(of('stylesheet')),
    cssGzipBytes: sum(of('stylesheet'), true),
    fontFiles: of('font').length,
    fontBytes: sum(of('font')),
    idleSeconds: IDLE_S,
    taskMs: Math.round(delta('TaskDuration') * 1000),
    cpuPercent: Number(((delta('TaskDuration') / IDLE_S) * 100).toFixed(2)),
    scriptMs: Math.round(delta('ScriptDuration') * 1000),
    layouts: delta('LayoutCount'),
    styleRecalcs: delta('RecalcStyleCount'),
  };
}

/**
 * Each display page against a real server and Chromium: the JavaScript and CSS it loads (raw and gzip), the
 * font subsets it fetches, and its main-thread work while it sits idle (a talk counting down: one redraw a second).
 */
export const displayPagesBench: Bench = {
  name: 'display-pages',
  timeoutMs: 300_000,
  async run() {
    const server = await startServer({ args: ['--clock', '2025-10-02T09:45:00+09:00'] });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    const results: PageNumbers[] = [];
    try {
      for (const c of cases) {
        await command(server.url, 'namba', { type: 'goto', itemId: 'namba-2025-10-02-0940' });
        for (const body of c.before ?? []) await command(server.url, 'namba', body);
        const context = await browser.newContext({ viewport: c.viewport });
        const page = await context.newPage();
        results.push(await measure(page, server.url, c));
        await context.close();
        console.log(`  ${c.name}: ${kib(results.at(-1)!.jsGzipBytes)} JS gzip, ${results.at(-1)!.cpuPercent} % CPU idle`);
      }
    } finally {
      await browser.close();
      await server.stop();
    }
    const rows = results.map((r) => [
      r.page,
      kib(r.jsBytes),
      kib(r.jsGzipBytes),
      kib(r.cssGzipBytes),
      `${r.fontFiles} (${kib(r.fontBytes)})`,
      `${r.taskMs} ms`,
      `${r.cpuPercent} %`,
      r.layouts,
      r.styleRecalcs,
    ]);
    return {
      title: 'Display pages: size and idle CPU',
      markdown: [
        `Each page on the built server (demo event, a talk counting down) in headless Chromium (${CHROMIUM}, software`,
        `rendering). JS and CSS: the bytes of every script and stylesheet the page loads, raw and gzipped (level 6).`,
        `Fonts: Noto Sans JP subsets fetched for the glyphs on screen. Idle: main-thread task time`,
        `(CDP \`Performance.getMetrics\` TaskDuration) over ${IDLE_S} s with the page left alone, its share of one core,`,
        `and the layouts and style recalculations in that time (a ticking page redraws once a second).`,
        '',
        table(
          ['Page', 'JS', 'JS gzip', 'CSS gzip', 'Font files', 'Idle task time', 'Idle CPU', 'Layouts', 'Style recalcs'],
          rows,
        ),
      ].join('\n'),
      data: results,
    };
  },
};
