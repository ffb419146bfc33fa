import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { SignInPage } from '../pages/SignInPage';
import { type ApiSession, type DemoIds, demoIds, signInApi } from './api';
import { launchBrowser, newPage } from './browser';
import { type RunningServer, startServer } from './server';

export interface E2eSession {
  server: RunningServer;
  browser: Browser;
}

/** One `aiser serve` and one Chromium for a spec file, started before and stopped after it. */
export function useServerAndBrowser(env: Record<string, string> = {}): E2eSession {
  const session = {} as E2eSession;
  beforeAll(async () => {
    [session.server, session.browser] = await Promise.all([startServer(env), launchBrowser()]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}

/** A new page signed in as `who` (the administrator by default). */
export async function signedInPage(session: E2eSession, who = session.server.admin, viewport?: { width: number; height: number }): Promise<{ page: Page; context: BrowserContext }> {
  const { page, context } = await newPage(session.browser, session.server.url, viewport);
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(who.email, who.password);
  return { page, context };
}

/** Starts recording main-thread long tasks (PerformanceObserver 'longtask'). */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const tasks: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
  });
}

export async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

export interface DemoWorkspace extends E2eSession {
  /** The administrator over the HTTP API (for setup, not for assertions about the UI). */
  admin: ApiSession;
  demo: DemoIds;
}

/** Like useServerAndBrowser, plus the administrator's API session and the demo workspace's ids;
 *  `setup` runs once they are ready (create dashboards, people…). */
export function useDemoWorkspace(setup?: (workspace: DemoWorkspace) => Promise<void>, env: Record<string, string> = {}): DemoWorkspace {
  const workspace = useServerAndBrowser(env) as DemoWorkspace;
  beforeAll(async () => {
    workspace.admin = await signInApi(workspace.server.url, workspace.server.admin.email, workspace.server.admin.password);
    workspace.demo = await demoIds(workspace.admin);
    await setup?.(workspace);
  });
  return workspace;
}
