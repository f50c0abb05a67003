/**
 * Three sizes. `--long`: the issues' full sizes, for people. The default, quick: the same shape at
 * smaller sizes, a few minutes per benchmark, figures still worth reading. `--smoke`: what CI runs,
 * each benchmark once at the smallest size that still drives all of its code, so a broken one fails
 * the build within the CI's time; its figures are too small to read anything into.
 */
export const LONG = process.argv.includes('--long');
export const SMOKE = !LONG && process.argv.includes('--smoke');

/** This run's size: the quick profile's, the long one's with `--long`, the smoke one's with `--smoke` (quick's if not given). */
export const sized = <T>(quick: T, long: T, smoke: T = quick): T => (LONG ? long : SMOKE ? smoke : quick);
