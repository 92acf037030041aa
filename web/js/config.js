// The server's settings that shape the board before anyone signs in (GET /config): how long a
// signed-in screen may stay untouched, and which ways of signing in are offered.

import { api } from './api.js';

// The server's own default: a server too old to answer /config still gets an idle sign-out.
const DEFAULT_IDLE_TIMEOUT_S = 1800;

/** Resolves to { idleTimeout (seconds), signIn: ['password', 'oidc'?] }; never rejects. */
export async function loadConfig() {
  try {
    const { data } = await api.config();
    return {
      idleTimeout: Number.isFinite(data.idle_timeout) && data.idle_timeout > 0 ? data.idle_timeout : DEFAULT_IDLE_TIMEOUT_S,
      signIn: Array.isArray(data.sign_in) ? data.sign_in : ['password'],
    };
  } catch {
    return { idleTimeout: DEFAULT_IDLE_TIMEOUT_S, signIn: ['password'] };
  }
}
