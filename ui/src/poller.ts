// Repeated checks for a screen that follows something live (a payment, receive-code emails): a
// step that returns the delay to the next one (or null to stop), a one-second tick for
// countdowns, a fresh check when the window comes back into view, and one `close` for all.

export class Poller {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly ticker: ReturnType<typeof setInterval>;
  private stopped = false;

  constructor(
    private readonly step: () => Promise<number | null>,
    tick: () => void,
    private readonly resumeWhenVisible: () => boolean = () => true,
  ) {
    this.ticker = setInterval(tick, 1000);
    document.addEventListener("visibilitychange", this.onVisibility);
  }

  /** Checks now (and goes on from there). */
  now(): void {
    this.schedule(0);
  }

  /** Checks after `delay` ms (and goes on from there): after a check made outside the poller. */
  after(delay: number): void {
    this.schedule(delay);
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.ticker);
    document.removeEventListener("visibilitychange", this.onVisibility);
  }

  get closed(): boolean {
    return this.stopped;
  }

  private readonly onVisibility = () => {
    if (!document.hidden && this.resumeWhenVisible()) this.schedule(0);
  };

  private schedule(delay: number | null): void {
    clearTimeout(this.timer);
    if (delay === null || this.stopped) return;
    this.timer = setTimeout(async () => {
      const next = await this.step();
      if (!this.stopped) this.schedule(next);
    }, delay);
  }
}
