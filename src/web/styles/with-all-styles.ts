/** A lazily shown part of the participant's page, downloaded with every Mantine style it may need. */
export const withAllStyles = <T>(load: () => Promise<T>): Promise<T> => Promise.all([load(), import('./all')]).then(([loaded]) => loaded);
