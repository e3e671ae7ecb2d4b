// Plays a gateway's player page in Debian's headless Chromium and reports what it saw, as JSON on
// stdout: whether the browser decodes H.264, the renditions hls.js found, and for each rendition,
// pinned in turn until video.currentTime has advanced the given seconds, how many frames were
// decoded. Usage: node test/play.mjs <player URL> [seconds per rendition]
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [url, seconds = '6'] = process.argv.slice(2);
const playSeconds = Number(seconds);
const result = { url, h264: null, levels: [], renditions: [], errors: [], fatal: null };
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lpnode-chromium-'));
let context;

function sample(page) {
  return page.evaluate(() => {
    const video = document.getElementById('video');
    const quality = video.getVideoPlaybackQuality();
    return { time: video.currentTime, frames: quality.totalVideoFrames, dropped: quality.droppedVideoFrames };
  });
}

try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Flags the machine needs (operators.md §5); autoplay without a gesture, as a kiosk would.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--autoplay-policy=no-user-gesture-required'],
  });
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') result.errors.push('console: ' + m.text()); });
  page.on('pageerror', (e) => result.errors.push('page: ' + e.message));
  await page.goto(url);
  result.h264 = await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="avc1.42E01E"'));
  if (result.h264) {
    await page.waitForFunction(() => window.lpnodePlayer.levels.length > 0
      && document.getElementById('video').currentTime > 0, null, { timeout: 45000 });
    result.levels = await page.evaluate(() => window.lpnodePlayer.levels);
    for (let level = 0; level < result.levels.length; level++) {
      const before = await page.evaluate((i) => {
        const state = window.lpnodePlayer;
        state.hls.currentLevel = i; // pins the rendition, as the page's switcher does
        return state.fragmentsBuffered[i] || 0;
      }, level);
      await page.waitForFunction(([i, n]) => window.lpnodePlayer.currentLevel === i
        && (window.lpnodePlayer.fragmentsBuffered[i] || 0) > n, [level, before], { timeout: 30000 });
      const start = await sample(page);
      await page.waitForFunction(([from, s]) => document.getElementById('video').currentTime - from >= s,
        [start.time, playSeconds], { timeout: (playSeconds + 30) * 1000 });
      const end = await sample(page);
      const buffered = await page.evaluate((i) => window.lpnodePlayer.fragmentsBuffered[i] || 0, level);
      result.renditions.push({
        level, name: result.levels[level].name, width: result.levels[level].width,
        startTime: start.time, endTime: end.time, framesDecoded: end.frames - start.frames,
        droppedFrames: end.dropped - start.dropped, fragmentsBuffered: buffered,
      });
    }
    if (process.env.SCREENSHOT) {
      await page.screenshot({ path: process.env.SCREENSHOT }); // for a person to look at the page
    }
    const state = await page.evaluate(() => ({ fatal: window.lpnodePlayer.fatal, errors: window.lpnodePlayer.errors }));
    result.fatal = state.fatal;
    result.errors.push(...state.errors.map((e) => 'hls.js: ' + e));
  }
} catch (e) {
  result.fatal = String(e && e.message || e);
} finally {
  if (context) {
    await context.close();
  }
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
