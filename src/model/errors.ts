/**
 * A flag or argument is wrong (a month that is not YYYY-MM, an unknown
 * format…): the shell prints it with the verb's usage and exits 2. Thrown
 * from any layer that reads a flag's text, so there is one class to catch.
 */
export class UsageError extends Error {}

/**
 * A service tollgate reads failed (a billing or pricing API unreachable,
 * refused, still throttling, or answering nonsense): said plainly, exit 1,
 * never a partial total, nothing written.
 */
export class ServiceError extends Error {}
