import { type DefaultError, type UseMutationOptions, type UseMutationResult, useMutation } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';

/**
 * `useMutation` whose `mutate` ignores a call while the previous one is still running: a double
 * click on Cancel session, Invite or Save sends one request. `isPending` only reaches the button
 * after a render, too late for a second click in the same frame; the ref is set at once.
 */
export function useSingleFlightMutation<TData = unknown, TError = DefaultError, TVariables = void, TContext = unknown>(
  options: UseMutationOptions<TData, TError, TVariables, TContext>,
): UseMutationResult<TData, TError, TVariables, TContext> {
  const running = useRef(false);
  const { mutationFn } = options;
  const mutation = useMutation({
    ...options,
    mutationFn: async (variables, context) => {
      try {
        return await mutationFn!(variables, context);
      } finally {
        running.current = false;
      }
    },
  });
  const { mutate: mutateOnce } = mutation;
  const mutate = useCallback<typeof mutateOnce>(
    (...args) => {
      if (running.current) return;
      running.current = true;
      mutateOnce(...args);
    },
    [mutateOnce],
  );
  return { ...mutation, mutate };
}
