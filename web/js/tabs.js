// Signing out in one tab signs out every tab of the board on this computer: on a shared ward PC
// a second tab left open must not keep the previous user's board on screen.

const CHANNEL_NAME = 'caseboard.session';

export class TabSignOut {
  /** onSignedOutElsewhere(notice) runs when another tab signed out; notice may be null. */
  constructor(onSignedOutElsewhere) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
    if (!this.channel) return;
    this.channel.onmessage = (message) => {
      const data = message.data;
      if (!data || data.type !== 'signed-out') return;
      onSignedOutElsewhere(typeof data.notice === 'string' ? data.notice : null);
    };
  }

  /** Tells the other tabs (never this one) that the user signed out. */
  announce(notice) {
    if (this.channel) this.channel.postMessage({ type: 'signed-out', notice });
  }
}
