// boardTest(): one independent end-to-end test — its own server (fresh database, ephemeral
// port) and its own browser contexts; on failure a screenshot of every page and the end of the
// server's log; always cleans up. One Chromium per test file, launched on first use.

import fs from 'node:fs';
import { after, test } from 'node:test';
import { assertNoProblems, launchBrowser, openPage, screenshotOnFailure } from './browser.mjs';
import { startServer } from './server.mjs';

let browserPromise = null;

function browser() {
  browserPromise ||= launchBrowser();
  return browserPromise;
}

after(async () => {
  if (browserPromise) await (await browserPromise).close();
});

/**
 * options: { server: startServer options, or an async function giving them when the test starts
 * (for what exists only then, such as a provider's address), timeout: ms }
 * fn(ctx) with ctx = { server, open(pageOptions) → { context, page, problems }, restart() }
 */
export function boardTest(name, options, fn) {
  if (typeof options === 'function') { fn = options; options = {}; }
  test(name, { timeout: options.timeout ?? 60_000 }, async (t) => {
    const serverOptions = typeof options.server === 'function' ? await options.server() : options.server;
    const opened = [];
    const servers = [];
    const ctx = {
      server: null,
      async open(pageOptions) {
        const handle = await openPage(await browser(), pageOptions);
        opened.push(handle);
        return handle;
      },
      /** Stops the server and starts it again on the same port with the same database. */
      async restart(between) {
        const old = ctx.server;
        await old.stop({ keepDir: true });
        if (between) await between();
        ctx.server = await startServer({ ...serverOptions, port: old.port, dir: old.dir });
        servers.push(ctx.server);
        return ctx.server;
      },
    };
    ctx.server = await startServer(serverOptions);
    const firstDir = ctx.server.dir;
    servers.push(ctx.server);
    try {
      await fn(ctx, t);
      for (const handle of opened) assertNoProblems(handle.problems);
    } catch (error) {
      for (const handle of opened) await screenshotOnFailure(t, handle.page);
      const log = ctx.server.log().split('\n').slice(-30).join('\n');
      error.message += `\n--- end of the server log ---\n${log}`;
      throw error;
    } finally {
      for (const handle of opened) await handle.context.close().catch(() => {});
      for (const server of servers) await server.stop({ keepDir: true });
      fs.rmSync(firstDir, { recursive: true, force: true });
    }
  });
}
