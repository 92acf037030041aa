// The page an account sees while it awaits approval (role "pending"): the server gives it no
// cases and no live feed, so instead of an empty or broken board it is told what is going on,
// and can look again or sign out.

import { session } from './api.js';
import { byId } from './dom.js';

export class PendingPage {
  /** actions: { onCheck() – ask the server again, onSignOut() } */
  constructor(actions) {
    this.view = byId('pending-view');
    this.checkButton = byId('pending-check');
    this.checkButton.addEventListener('click', async () => {
      this.checkButton.disabled = true;
      this.status('Checking…');
      try {
        await actions.onCheck();
      } finally {
        this.checkButton.disabled = false;
      }
    });
    byId('pending-signout').addEventListener('click', () => actions.onSignOut());
  }

  /** user: GET /users/me's answer, or null when only the token's claims are known. */
  show(user) {
    const claims = session.claims();
    const email = (user && user.email) || (claims && claims.email) || '';
    byId('pending-email').textContent = email;
    const wasShown = this.isShown();
    this.view.hidden = false;
    this.status(wasShown ? 'No role yet: your account is still awaiting approval.' : '');
    if (!wasShown) byId('pending-title').focus();
  }

  hide() {
    this.view.hidden = true;
    this.status('');
  }

  isShown() {
    return !this.view.hidden;
  }

  showProblem(error) {
    this.status(`Could not check: ${(error.messages || [String(error.message || error)]).join(' ')}`);
  }

  status(text) {
    byId('pending-status').textContent = text;
  }
}
