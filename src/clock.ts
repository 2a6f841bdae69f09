/** tollgate's clock: which month is over (actuals) and how old a pricing table is (staleness). */

/** `TOLLGATE_NOW` pins the clock (tests, reproducing a past run); otherwise the real date decides if the month is over. */
export function clockNow(env: NodeJS.ProcessEnv = process.env): Date {
  const pinned = env.TOLLGATE_NOW;
  return pinned ? new Date(pinned) : new Date();
}

/** The last month that is over at `now` (UTC), as YYYY-MM: the one whose bill is final. */
export function lastFullMonth(now: Date): string {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return first.toISOString().slice(0, 7);
}
