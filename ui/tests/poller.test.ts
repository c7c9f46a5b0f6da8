import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Poller } from "../src/poller";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("poller", () => {
  it("runs the step at the delays it returns, stops on null, and close stops everything", async () => {
    const delays = [1000, 2000, null];
    const step = vi.fn(async () => delays.shift() ?? null);
    const tick = vi.fn();
    const poller = new Poller(step, tick);
    poller.now();
    await vi.advanceTimersByTimeAsync(0);
    expect(step).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(step).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(step).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(step).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(step).toHaveBeenCalledTimes(3);
    expect(tick.mock.calls.length).toBeGreaterThanOrEqual(60);
    poller.close();
    const ticks = tick.mock.calls.length;
    poller.now();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(step).toHaveBeenCalledTimes(3);
    expect(tick.mock.calls.length).toBe(ticks);
  });
});
