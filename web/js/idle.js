// Idle sign-out for shared ward PCs: after `timeout` seconds without a key press, click, touch
// or scroll, in this tab or any other tab of the board, the caller is told to sign out, after a
// warning shortly before. Mouse movement does not count: a mouse nudged by a passer-by is no
// sign that the person who signed in is still there.
//
// Everything is computed from timestamps (Date.now()), never by counting timer ticks: timers
// stop while a laptop sleeps or a tab is in the background, and that time must count as idle.

const ACTIVITY_KEY = 'caseboard.lastActivity';
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'];
const WARNING_MS = 60_000;
// The countdown is redrawn this often during the warning.
const TICK_MS = 250;
// Other tabs learn of activity through localStorage; a scroll fires dozens of events a second,
// so the shared timestamp is written at most this often (and once more after the last event).
const SHARE_EVERY_MS = 1_000;

export class IdleTimer {
  /**
   * handlers: {
   *   onWarn(secondsLeft) – the warning is due or its countdown moved (called on every tick)
   *   onActive()          – activity ended the warning
   *   onExpire()          – the timeout has passed without activity; the timer has stopped
   * }
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.running = false;
    this.warning = false;
    this.timeoutMs = 0;
    this.warnMs = 0;
    this.lastActivity = 0;
    this.sharedAt = 0;
    this.timer = null;
    this.shareTimer = null;
    this.onActivity = () => this.markActive();
    this.onCheck = () => this.check();
    this.onStorage = (event) => { if (event.key === ACTIVITY_KEY) this.check(); };
  }

  /** Starts (or restarts) the timer; signing in counts as activity. */
  start(timeoutSeconds) {
    this.stop();
    this.timeoutMs = timeoutSeconds * 1000;
    // A very short timeout (a test, or a kiosk) still leaves the warning half of it.
    this.warnMs = Math.min(WARNING_MS, this.timeoutMs / 2);
    this.running = true;
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, this.onActivity, { capture: true, passive: true });
    window.addEventListener('storage', this.onStorage);
    // After sleep or time in the background, look at the clock at once.
    document.addEventListener('visibilitychange', this.onCheck);
    window.addEventListener('focus', this.onCheck);
    this.markActive();
  }

  stop() {
    this.running = false;
    this.warning = false;
    clearTimeout(this.timer);
    clearTimeout(this.shareTimer);
    this.shareTimer = null;
    for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, this.onActivity, { capture: true });
    window.removeEventListener('storage', this.onStorage);
    document.removeEventListener('visibilitychange', this.onCheck);
    window.removeEventListener('focus', this.onCheck);
  }

  /** The user did something: the countdown starts again, here and in the other tabs. */
  markActive() {
    if (!this.running) return;
    this.lastActivity = Date.now();
    this.share();
    this.check();
  }

  share() {
    const since = this.lastActivity - this.sharedAt;
    if (since >= SHARE_EVERY_MS) {
      this.sharedAt = this.lastActivity;
      writeShared(this.lastActivity);
    } else if (!this.shareTimer) {
      this.shareTimer = setTimeout(() => {
        this.shareTimer = null;
        this.sharedAt = this.lastActivity;
        writeShared(this.lastActivity);
      }, SHARE_EVERY_MS - since);
    }
  }

  /** The latest activity in any tab. A timestamp in the future (a clock put back) counts as now. */
  lastSeen() {
    return Math.min(Date.now(), Math.max(this.lastActivity, readShared()));
  }

  check() {
    clearTimeout(this.timer);
    if (!this.running) return;
    const left = this.lastSeen() + this.timeoutMs - Date.now();
    if (left <= 0) {
      this.stop();
      this.handlers.onExpire();
      return;
    }
    if (left <= this.warnMs) {
      this.warning = true;
      this.handlers.onWarn(Math.ceil(left / 1000));
      this.timer = setTimeout(this.onCheck, Math.min(TICK_MS, left));
      return;
    }
    if (this.warning) {
      this.warning = false;
      this.handlers.onActive();
    }
    this.timer = setTimeout(this.onCheck, Math.min(left - this.warnMs, 2 ** 31 - 1));
  }
}

function readShared() {
  try {
    return Number(localStorage.getItem(ACTIVITY_KEY)) || 0;
  } catch {
    return 0; // storage disabled: this tab's own activity still counts
  }
}

function writeShared(timestamp) {
  try {
    localStorage.setItem(ACTIVITY_KEY, String(timestamp));
  } catch { /* storage disabled or full: this tab's own activity still counts */ }
}
