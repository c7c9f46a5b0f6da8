// One page handing another what it should start with (the lookup's number and email, a checkout
// bought again): given once, taken once, by the page the user is sent to.

export interface HandOver<T> {
  give(value: T): void;
  /** What was given since the last call, once. */
  take(): T | null;
}

export function handOver<T>(): HandOver<T> {
  let pending: T | null = null;
  return {
    give(value) {
      pending = value;
    },
    take() {
      const taken = pending;
      pending = null;
      return taken;
    },
  };
}
