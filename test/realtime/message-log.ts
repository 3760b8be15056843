/** Everything a socket heard, in order, and a way to wait for the first message that matches. */
export class MessageLog<T = Record<string, any>> {
  readonly messages: T[] = [];
  private waiters: { match: (m: T) => boolean; resolve: (m: T) => void }[] = [];

  push(message: T) {
    this.messages.push(message);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(message)) return true;
      w.resolve(message);
      return false;
    });
  }

  /** Resolves with the first message (already heard or still to come) that matches; rejects after a generous timeout. */
  waitFor(match: (m: T) => boolean, label = 'message', timeoutMs = 20_000): Promise<T> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${label} within ${timeoutMs} ms; heard: ${JSON.stringify(this.messages).slice(0, 2000)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }
}
