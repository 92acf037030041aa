// The board's WebSocket: receives create/update/delete events and keeps itself connected.
// After any drop (server restart, network blip, slow-client close) it reconnects with
// exponential backoff, and the caller refetches the list on every (re)connect because events
// sent while we were away are lost. A close for a policy violation (1008) is final.

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
// A connection that stays up this long is healthy: the next drop starts the backoff afresh.
const STABLE_AFTER_MS = 5_000;
// The server closes with "policy violation" when the session behind the token has ended
// (signed out, expired, user deactivated) or the account is awaiting approval: reconnecting
// would only be refused again.
const POLICY_VIOLATION = 1008;

export class LiveConnection {
  /**
   * handlers: {
   *   onEvent(event)      – a parsed server event
   *   onOpen()            – connected (first time and after every reconnect)
   *   onStatus(status)    – 'connecting' | 'live' | 'reconnecting'
   *   onDrop(info)        – the socket closed or could not open; info: { code, wasOpen }
   *   onRefused()         – the server closed it with 1008; the connection has stopped
   *                         until resume()
   * }
   */
  constructor(tokenProvider, handlers) {
    this.tokenProvider = tokenProvider;
    this.handlers = handlers;
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.stableTimer = null;
    this.stopped = true;
  }

  start() {
    this.stopped = false;
    this.attempt = 0;
    this.connect('connecting');
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.stableTimer);
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.onclose = null;
      socket.onmessage = null;
      socket.onerror = null;
      socket.onopen = null;
      try { socket.close(1000, 'signed out'); } catch { /* already closed */ }
    }
  }

  /**
   * After a 1008 that the API showed not to end the session (a close that crossed a change of
   * access): connect again, with the backoff that keeps growing until a connection is stable.
   */
  resume() {
    if (!this.stopped) return;
    this.stopped = false;
    this.scheduleReconnect({ code: POLICY_VIOLATION, wasOpen: true });
  }

  /** Same host as the page; wss: when the page is https: so that nothing goes in clear text. */
  url() {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const token = encodeURIComponent(this.tokenProvider() || '');
    return `${scheme}//${window.location.host}/ws?token=${token}`;
  }

  connect(status) {
    if (this.stopped) return;
    this.handlers.onStatus(status);
    let socket;
    try {
      socket = new WebSocket(this.url());
    } catch {
      this.scheduleReconnect({ code: 0, wasOpen: false });
      return;
    }
    this.socket = socket;
    let wasOpen = false;
    socket.onopen = () => {
      wasOpen = true;
      this.handlers.onStatus('live');
      this.stableTimer = setTimeout(() => { this.attempt = 0; }, STABLE_AFTER_MS);
      this.handlers.onOpen();
    };
    socket.onmessage = (message) => {
      let event;
      try { event = JSON.parse(message.data); } catch { return; } // not ours: ignore
      if (event && typeof event === 'object') this.handlers.onEvent(event);
    };
    socket.onclose = (close) => {
      clearTimeout(this.stableTimer);
      if (this.socket !== socket) return;
      this.socket = null;
      if (close.code === POLICY_VIOLATION) {
        this.stop();
        this.handlers.onRefused();
        return;
      }
      this.scheduleReconnect({ code: close.code, wasOpen });
    };
    // onerror is always followed by onclose, which does the work.
    socket.onerror = () => {};
  }

  scheduleReconnect(info) {
    if (this.stopped) return;
    this.handlers.onStatus('reconnecting');
    this.handlers.onDrop(info);
    const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempt);
    this.attempt += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect('reconnecting'), delay);
  }
}
