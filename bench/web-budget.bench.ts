import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium } from './lib/browser.ts';
import { withCleanup } from './lib/cleanup.ts';
import { repoRoot } from './lib/process.ts';
import { measurement, type Benchmark, type Measurement } from './lib/report.ts';
import { startAgencyOs } from './lib/servers.ts';
import { median, percentile } from './lib/stats.ts';
import { tempDir } from './lib/temp.ts';

const name = 'web-budget';
const distDir = path.join(repoRoot, 'apps', 'web', 'dist');
const BUDGET_KB = 500;
const CARDS = 1000;
const ROUNDS = 3;
/** After the cards are all there, how long the page is watched for long tasks that still belong to the load. */
const SETTLE_MS = 1500;
const DRAG_STEPS = 30;
const CARD = '[data-testid^="card-"]';
const gz = (file: string) => gzipSync(readFileSync(file)).length / 1024;

// ---- (a) initial JavaScript of the first screen ----

/** The entry module and its modulepreload links: what the built index.html makes every first visit fetch. */
function entryScripts(): string[] {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  if (entry.length === 0) throw new Error(`${distDir}/index.html has no module script: build apps/web first`);
  return [...new Set([...entry, ...preloads])];
}

const distFile = (urlPath: string) => path.join(distDir, decodeURIComponent(urlPath.replace(/^\//, '')));

// ---- (b) the board with 1,000 cards ----

interface Seeded {
  boardPath: string;
}

/** A person, workspace, project and 1,000 work items spread over the states, through the API from the page. */
async function seedThroughApi(page: Page): Promise<Seeded> {
  return page.evaluate(async (cards) => {
    const call = async (method: string, url: string, body?: unknown) => {
      const response = await fetch(url, {
        method,
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
      return text ? JSON.parse(text) : undefined;
    };
    await call('POST', '/api/auth/sign-up/email', {
      name: 'Bench Board',
      email: 'board@bench.example',
      password: 'bench-password-long-enough',
    });
    const slug = 'bench-board';
    await call('POST', '/api/workspaces', { name: 'Bench Board', slug, timezone: 'UTC' });
    const base = `/api/v1/workspaces/${slug}`;
    const project = await call('POST', `${base}/projects/`, { name: 'Board', identifier: 'BRD' });
    const states = (await call('GET', `${base}/projects/${project.id}/states/`)).results as Array<{
      id: string;
      name: string;
    }>;
    const columns = states.filter((s) => s.name !== 'Triage');
    let next = 0;
    const priorities = ['urgent', 'high', 'medium', 'low', 'none'];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < cards) {
          const n = next++;
          await call('POST', `${base}/projects/${project.id}/work-items/`, {
            name: `Card ${n + 1}: prepare the campaign asset`,
            state: columns[n % columns.length]!.id,
            priority: priorities[n % priorities.length],
          });
        }
      }),
    );
    return { boardPath: `/${slug}/projects/${project.id}/board` };
  }, CARDS);
}

/**
 * The baseline: the same 1,000 cards as plain divs in five columns (the board's selectors, native drag and
 * drop that moves the div), one static page with no framework, served from 127.0.0.1 by this process.
 */
function baselineHtml(): string {
  const columns = ['Backlog', 'Todo', 'In Progress', 'Done', 'Cancelled'];
  const cards = (c: number) =>
    Array.from({ length: CARDS }, (_, n) => n)
      .filter((n) => n % columns.length === c)
      .map(
        (n) =>
          `<li draggable="true" data-testid="card-BRD-${n + 1}" style="border:1px solid #ddd;border-radius:6px;` +
          `padding:10px;margin:8px 0;background:#fff">BRD-${n + 1}<br>Card ${n + 1}: prepare the campaign asset</li>`,
      )
      .join('');
  const sections = columns
    .map(
      (name, c) =>
        `<section data-state="${name}" style="width:288px;flex-shrink:0;max-height:calc(100vh - 13rem);` +
        `display:flex;flex-direction:column"><h2>${name}</h2><ul style="overflow-y:auto;list-style:none;` +
        `padding:0 8px">${cards(c)}</ul></section>`,
    )
    .join('');
  const script = `let dragged;
    document.addEventListener('dragstart', (e) => { dragged = e.target.closest('li'); e.dataTransfer.setData('text/plain', dragged.dataset.testid); });
    for (const s of document.querySelectorAll('section')) {
      s.addEventListener('dragover', (e) => e.preventDefault());
      s.addEventListener('drop', (e) => { e.preventDefault(); s.querySelector('ul').prepend(dragged); });
    }`;
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title></head>` +
    `<body style="font:14px system-ui;margin:0;padding:20px"><div style="display:flex;gap:12px;overflow-x:auto">` +
    `${sections}</div><script>${script}</script></body></html>`
  );
}

async function serveBaseline(): Promise<{ url: string; server: Server }> {
  const html = baselineHtml();
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, server };
}

/**
 * What the functions run in the page use of it (this package type-checks without the DOM library). They are
 * sent to the browser as source text, so each reads `globalThis` itself.
 */
interface PageGlobals {
  document: {
    querySelectorAll(selector: string): { length: number };
    querySelector(selector: string): unknown;
  };
  requestAnimationFrame(callback: (time: number) => void): number;
  __bench: { readyAt: number | null; longTasks: Array<[number, number]> };
  __frames: number[];
  __framesOn: boolean;
}

/** Installed before any page script: long tasks, and the frame at which the expected cards are all there. */
function instrument({ selector, expected }: { selector: string; expected: number }) {
  const w = globalThis as unknown as PageGlobals;
  w.__bench = { readyAt: null, longTasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.longTasks.push([e.startTime, e.startTime + e.duration]);
  }).observe({ type: 'longtask' as never, buffered: true });
  const tick = () => {
    if (w.document.querySelectorAll(selector).length >= expected) w.__bench.readyAt = performance.now();
    else w.requestAnimationFrame(tick);
  };
  w.requestAnimationFrame(tick);
}

interface Load {
  /** Time to interactive, ms from navigation start. */
  tti: number;
  /** When the last response of the work-items list ended (the board's data), ms from navigation start. */
  dataAt: number;
  /** Main-thread time in long tasks up to interactive. */
  longTaskMs: number;
}

/**
 * Time to interactive: the cards are all on screen and no long task (> 50 ms) ran after that within the settle
 * window: max(cards there, end of the last long task that started before ready + settle).
 */
async function loadPage(page: Page, url: string): Promise<Load> {
  await page.goto(url);
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).__bench.readyAt !== null,
    undefined,
    { timeout: 60_000, polling: 100 },
  );
  await sleep(SETTLE_MS);
  return page.evaluate((settle) => {
    const b = (globalThis as unknown as PageGlobals).__bench;
    const ready = b.readyAt!;
    const tasks = b.longTasks.filter(([start]) => start < ready + settle);
    const tti = Math.max(ready, ...tasks.map(([, end]) => end));
    const data = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/work-items/'))
      .map((e) => (e as unknown as { responseEnd: number }).responseEnd);
    return {
      tti,
      dataAt: Math.max(0, ...data),
      longTaskMs: tasks.reduce((sum, [start, end]) => sum + (end - start), 0),
    };
  }, SETTLE_MS);
}

/** Frame intervals (ms) while the mouse drags the first Backlog card onto the In Progress column. */
async function dragFrames(page: Page): Promise<number[]> {
  const card = page.locator(`section[data-state="Backlog"] ${CARD}`).first();
  const moved = await card.getAttribute('data-testid');
  const from = (await card.boundingBox())!;
  const to = (await page.locator('section[data-state="In Progress"]').boundingBox())!;
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.__frames = [];
    w.__framesOn = true;
    let last = performance.now();
    const loop = (t: number) => {
      if (!w.__framesOn) return;
      w.__frames.push(t - last);
      last = t;
      w.requestAnimationFrame(loop);
    };
    w.requestAnimationFrame(loop);
  });
  // A steady hand: one step a frame, so both pages are dragged for the same time whatever they do meanwhile.
  const [x0, y0, x1, y1] = [from.x + from.width / 2, from.y + 12, to.x + to.width / 2, to.y + to.height / 2];
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= DRAG_STEPS; i++) {
    await page.mouse.move(x0 + ((x1 - x0) * i) / DRAG_STEPS, y0 + ((y1 - y0) * i) / DRAG_STEPS);
    await sleep(16);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.__framesOn = false;
    return w.__frames.slice(1);
  });
  // The drop must have landed, or the frames measured no drag at all.
  await page.waitForFunction(
    (id) =>
      (globalThis as unknown as PageGlobals).document.querySelector(
        `section[data-state="In Progress"] [data-testid="${id}"]`,
      ) !== null,
    moved,
    { timeout: 10_000 },
  );
  return frames;
}

interface Side {
  loads: Load[];
  frames: number[][];
}

async function measureSide(browser: Browser, storageState: string | undefined, url: string, round: Side) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    ...(storageState ? { storageState: JSON.parse(storageState) as never } : {}),
  });
  try {
    await context.addInitScript(instrument, { selector: CARD, expected: CARDS });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    round.loads.push(await loadPage(page, url));
    round.frames.push(await dragFrames(page));
  } finally {
    await context.close();
  }
}

export default {
  name,
  description:
    `(a) Initial JavaScript of the sign-in screen, gzipped, against the ${BUDGET_KB} KB budget; (b) the board ` +
    `with ${CARDS.toLocaleString('en-US')} cards in Chromium (real server, fresh embedded database, items made ` +
    'through the API): time to interactive and frame time of a mouse drag across columns, against a static ' +
    `page of ${CARDS.toLocaleString('en-US')} plain cards in the same browser; ${ROUNDS} alternating rounds`,
  timeLimitSeconds: 300,
  run: () =>
    withCleanup(async (defer): Promise<Measurement[]> => {
      const results: Measurement[] = [];
      // (a) statically, from the build.
      const scripts = entryScripts();
      const entryKb = scripts.reduce((sum, s) => sum + gz(distFile(s)), 0);
      results.push(
        measurement({
          benchmark: name,
          measure: `sign-in screen: entry module + ${scripts.length - 1} modulepreloads, gzipped`,
          unit: 'KB',
          value: entryKb,
          baselineLabel: 'the budget',
          baseline: BUDGET_KB,
          goal: { on: 'value', op: '<', limit: BUDGET_KB },
          runs: Object.fromEntries(scripts.map((s) => [s, [gz(distFile(s))]])),
        }),
      );

      const dataDir = tempDir(name);
      defer(dataDir.remove);
      const server = await startAgencyOs({
        NODE_ENV: 'development',
        AGENCY_DATA_DIR: dataDir.path,
        AGENCY_DEMO: 'false',
        LOG_LEVEL: 'warn',
        AUTH_RATE_LIMIT_PER_MINUTE: '10000',
        RATE_LIMIT_PER_MINUTE: '1000000',
      });
      defer(server.stop);
      const baseline = await serveBaseline();
      defer(async () => {
        baseline.server.closeAllConnections();
        baseline.server.close();
      });
      const browser = await launchChromium();

      // (a) as the browser sees it: every script the sign-in page fetched, whether preloaded or loaded lazily.
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 1280, height: 800 },
      });
      const page = await context.newPage();
      const loaded = new Set<string>();
      page.on('response', (r) => {
        const url = new URL(r.url());
        if (url.origin === server.url && url.pathname.endsWith('.js')) loaded.add(url.pathname);
      });
      await page.goto('/login', { waitUntil: 'networkidle' });
      await page.getByRole('form', { name: 'Sign in with password' }).waitFor();
      const fetchedKb = [...loaded].reduce((sum, s) => sum + gz(distFile(s)), 0);
      results.push(
        measurement({
          benchmark: name,
          measure: `sign-in screen: all ${loaded.size} scripts Chromium fetched for /login, gzipped`,
          unit: 'KB',
          value: fetchedKb,
          baselineLabel: 'the budget',
          baseline: BUDGET_KB,
          goal: { on: 'value', op: '<', limit: BUDGET_KB },
          runs: Object.fromEntries([...loaded].map((s) => [s, [gz(distFile(s))]])),
        }),
      );

      // (b) the board.
      const t0 = performance.now();
      const { boardPath } = await seedThroughApi(page);
      console.log(
        `  ${CARDS} items made through the API in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const storageState = JSON.stringify(await context.storageState());
      await context.close();
      const sides = {
        product: { loads: [], frames: [] } as Side,
        baseline: { loads: [], frames: [] } as Side,
      };
      // A warm-up of each (code and data caches, the server's first reads), then alternating rounds.
      await measureSide(browser, undefined, baseline.url, { loads: [], frames: [] });
      await measureSide(browser, storageState, server.url + boardPath, { loads: [], frames: [] });
      for (let i = 0; i < ROUNDS; i++) {
        await measureSide(browser, undefined, baseline.url, sides.baseline);
        await measureSide(browser, storageState, server.url + boardPath, sides.product);
      }
      const tti = (s: Side) => s.loads.map((l) => l.tti);
      const frameP = (s: Side, q: number) => median(s.frames.map((f) => percentile(f, q)));
      const baselineLabel = `static page, ${CARDS} plain cards, same browser`;
      results.push(
        measurement({
          benchmark: name,
          measure: `board with ${CARDS} cards: time to interactive`,
          unit: 'ms',
          value: median(tti(sides.product)),
          baselineLabel,
          baseline: median(tti(sides.baseline)),
          runs: {
            product_ms: tti(sides.product),
            baseline_ms: tti(sides.baseline),
            product_items_response_end_ms: sides.product.loads.map((l) => l.dataAt),
            product_long_task_ms: sides.product.loads.map((l) => l.longTaskMs),
            baseline_long_task_ms: sides.baseline.loads.map((l) => l.longTaskMs),
          },
        }),
        measurement({
          benchmark: name,
          measure: `board with ${CARDS} cards: frame time during a drag, p50`,
          unit: 'ms',
          value: frameP(sides.product, 50),
          baselineLabel,
          baseline: frameP(sides.baseline, 50),
          runs: { product_ms: sides.product.frames.flat(), baseline_ms: sides.baseline.frames.flat() },
        }),
        measurement({
          benchmark: name,
          measure: `board with ${CARDS} cards: frame time during a drag, p95`,
          unit: 'ms',
          value: frameP(sides.product, 95),
          baselineLabel,
          baseline: frameP(sides.baseline, 95),
          runs: {},
        }),
        measurement({
          benchmark: name,
          measure: `board with ${CARDS} cards: longest frame during a drag`,
          unit: 'ms',
          value: median(sides.product.frames.map((f) => Math.max(...f))),
          baselineLabel,
          baseline: median(sides.baseline.frames.map((f) => Math.max(...f))),
          runs: {},
        }),
      );
      return results;
    }),
} satisfies Benchmark;
