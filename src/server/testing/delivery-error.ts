import { expect } from 'vitest';
import { DeliveryError } from '../modules/messaging';

/** Awaits a send that must fail, and checks it failed as a DeliveryError that is (or is not) worth retrying. */
export async function expectDeliveryError(attempt: Promise<unknown>, retryable: boolean): Promise<DeliveryError> {
  const error = await attempt.then(
    () => expect.fail('expected the send to fail'),
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  expect((error as DeliveryError).retryable).toBe(retryable);
  return error as DeliveryError;
}
