/**
 * `npm run bench -- --long` runs the issues' full sizes (for people); without it each benchmark
 * runs a quick profile, smaller but the same shape, so CI catches a broken benchmark in minutes.
 */
export const LONG = process.argv.includes('--long');

/** This run's size: the quick profile's, or the long one's with `--long`. */
export const sized = <T>(quick: T, long: T): T => (LONG ? long : quick);
