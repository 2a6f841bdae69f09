import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

/** Debian's chromium, or another one named by CHROMIUM; never a browser downloaded by a test tool. */
export const CHROMIUM = [process.env.CHROMIUM, '/usr/bin/chromium'].find((p): p is string => !!p && existsSync(p));

/** The flags the issue asks for: no sandbox (root in CI), no GPU, and nothing that phones home. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** A headless Chromium with a profile of its own (a fresh --user-data-dir), driven over the DevTools protocol. */
export async function launchChromium(): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'tollgate-chromium-'));
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM!, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1100, height: 900 } });
}
