// The modal warning before an idle sign-out, with a countdown and "Stay signed in". It is an
// alert dialog whose message sits in an assertive live region, so that a screen reader says it
// at once; the countdown itself is a timer, which screen readers do not read out every second.

import { byId } from './dom.js';

export class IdleWarning {
  /** onStay() runs when the user chooses to stay (the button, or Escape). */
  constructor(onStay) {
    this.dialog = byId('idle-dialog');
    this.message = byId('idle-message');
    this.countdown = byId('idle-countdown');
    byId('idle-stay').addEventListener('click', onStay);
    this.dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      onStay();
    });
  }

  /** Opens the warning (if it is not open yet) and shows the seconds left. */
  show(secondsLeft) {
    this.countdown.textContent = formatCountdown(secondsLeft);
    this.countdown.setAttribute('aria-label', `${secondsLeft} seconds left`);
    if (this.dialog.open) return;
    // Other dialogs (a case being edited) stay open underneath: what was typed is not thrown
    // away if the user comes back in time.
    this.message.textContent = '';
    this.dialog.showModal();
    byId('idle-stay').focus();
    // Filled after the dialog is shown: a live region announces changes, not what it held
    // when it appeared.
    requestAnimationFrame(() => {
      if (!this.dialog.open) return;
      this.message.textContent = `This screen has not been used for a while. To protect patient information you will be signed out in ${secondsLeft} seconds.`;
    });
  }

  hide() {
    if (this.dialog.open) this.dialog.close();
    this.message.textContent = '';
  }
}

function formatCountdown(seconds) {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
