import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from './browser';
import { Stack } from './stack';

/** A stack and a Debian Chromium, started side by side for the browser suites. */
export class BrowserStack {
  stack?: Stack;
  browser?: Browser;
  context?: BrowserContext;

  /**
   * The stack gets Redis database `redisDb` of its own: jobs asking for network must reach
   * this stack's worker, which has the egress policy. Whichever of the two started is kept
   * when the other failed, so that stop() closes it.
   */
  async start(name: string, redisDb: number, env: NodeJS.ProcessEnv = {}): Promise<{ stack: Stack; context: BrowserContext }> {
    const redis = new URL(process.env.REDIS_URL!);
    redis.pathname = `/${redisDb}`;
    const [started, launched] = await Promise.allSettled([
      Stack.start(name, { env: { REDIS_URL: redis.toString(), ...env } }),
      launchChromium(),
    ]);
    if (started.status === 'fulfilled') this.stack = started.value;
    if (launched.status === 'fulfilled') this.browser = launched.value;
    for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
    this.context = await this.browser!.newContext({ viewport: { width: 1400, height: 900 } });
    return { stack: this.stack!, context: this.context };
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.stack?.stop();
  }
}
