import { Center, Loader } from '@mantine/core';

/** While a page's code arrives (the first visit to it): calm, and named for screen readers. */
export function PageLoading() {
  return (
    <Center mih="60vh">
      <Loader role="status" aria-label="Loading the page" />
    </Center>
  );
}
