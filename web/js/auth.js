// Sign-in and registration screens. On success they hand a token to main.js; errors from the
// server (wrong password, e-mail taken, registration closed, too many attempts) are shown as
// the server words them.

import { api, session } from './api.js';
import { byId, clear, el } from './dom.js';

export const EXPIRED_MESSAGE = 'Your session has expired — please sign in again.';
export const ENDED_MESSAGE = 'Your session has ended — please sign in again.';
// The server's directory sign-in (OpenID Connect) ends by sending the browser here.
const OIDC_LOGIN_PATH = '/auth/oidc/login';

/** onSignedIn(token) is called after a successful sign-in or registration. */
export function setupAuth(onSignedIn) {
  const signIn = byId('signin-form');
  const register = byId('register-form');

  byId('oidc-button').addEventListener('click', () => { window.location.assign(OIDC_LOGIN_PATH); });
  byId('show-register').addEventListener('click', () => showForm('register'));
  byId('show-signin').addEventListener('click', () => showForm('signin'));

  signIn.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = byId('signin-email').value.trim();
    const password = byId('signin-password').value;
    await submitting(signIn, 'signin-message', async () => {
      const { data } = await api.login(email, password);
      byId('signin-password').value = '';
      onSignedIn(data.access_token);
    });
  });

  register.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = byId('register-email').value.trim();
    const password = byId('register-password').value;
    const confirm = byId('register-confirm').value;
    if (password !== confirm) {
      showMessage('register-message', ['The two passwords do not match.'], 'error');
      byId('register-confirm').focus();
      return;
    }
    await submitting(register, 'register-message', async () => {
      await api.register(email, password);
      const { data } = await api.login(email, password);
      byId('register-password').value = '';
      byId('register-confirm').value = '';
      onSignedIn(data.access_token);
    });
  });
}

/** Disables the form while the request runs and shows the server's error text if it fails. */
async function submitting(form, messageId, work) {
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  showMessage(messageId, [], 'error');
  try {
    await work();
  } catch (error) {
    const lines = error.messages ? [...error.messages] : [String(error.message || error)];
    const retry = error.headers && error.headers.get && error.headers.get('Retry-After');
    if (error.status === 429 && retry) lines.push(`Please wait ${retry} seconds before trying again.`);
    showMessage(messageId, lines, 'error');
  } finally {
    button.disabled = false;
  }
}

function showMessage(id, lines, kind) {
  const box = byId(id);
  clear(box);
  box.className = `form-message ${kind}`;
  box.hidden = lines.length === 0;
  if (lines.length === 1) box.append(el('p', { text: lines[0] }));
  else if (lines.length > 1) box.append(el('ul', {}, lines.map((line) => el('li', { text: line }))));
}

export function showForm(which) {
  byId('signin-panel').hidden = which !== 'signin';
  byId('register-panel').hidden = which !== 'register';
  byId(which === 'signin' ? 'signin-email' : 'register-email').focus();
}

/** Offers the organisation account button when the server has a directory sign-in. */
export function offerSignInMethods(methods) {
  byId('oidc-signin').hidden = !methods.includes('oidc');
}

/**
 * The directory sign-in comes back as /#access_token=<token>. The token is taken and the
 * fragment removed at once, so that it stays neither in the address bar nor in the history.
 * Returns the token, or null when the address carries none.
 */
export function takeTokenFromFragment() {
  const hash = window.location.hash;
  if (!hash || hash.length < 2) return null;
  const token = new URLSearchParams(hash.slice(1)).get('access_token');
  if (token === null) return null;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  return token || null;
}

/** Shows the sign-in screen, with an optional notice (e.g. "session expired"). */
export function showSignIn(notice) {
  session.token = null;
  byId('auth-view').hidden = false;
  byId('board-view').hidden = true;
  byId('user-bar').hidden = true;
  byId('view-nav').hidden = true;
  showForm('signin');
  showMessage('signin-message', notice ? [notice] : [], 'notice');
}
