// The server's own field list (GET /case-fields) for the tests of the board's pure logic: one
// short-lived server, so that those tests check the board's code against the real list rather
// than a copy of it.

import assert from 'node:assert/strict';
import { useCaseFields } from '../../../web/js/fields.js';
import { startServer } from './server.mjs';

/** Starts the binary, reads its field list, stops it, and gives the list to web/js/fields.js. */
export async function useServerCaseFields() {
  const server = await startServer();
  try {
    const response = await fetch(`${server.url}/case-fields`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(response.status, 200, 'GET /case-fields');
    return useCaseFields(await response.json());
  } finally {
    await server.stop();
  }
}
