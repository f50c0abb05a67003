import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Cart, CartToken } from '../../../shared/medcart';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/sign-in';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { QueryState } from '../../components/QueryState/QueryState';
import { applyServerErrors } from '../../lib/form-errors';
import { formatMoment } from '../../lib/format-moment';
import { CARTS_KEY, useCarts } from '../session/medcart/medcart-api';

/** Administrators register MedCarts, see when each last sent a reading, and issue or revoke their tokens. */
export function DevicesPage() {
  const me = useCurrentUser();
  const carts = useCarts();
  const queryClient = useQueryClient();
  const [registering, setRegistering] = useState(false);
  const [issued, setIssued] = useState<{ cart: string; token: CartToken } | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: CARTS_KEY });
  const newToken = useMutation({
    mutationFn: (cart: Cart) => api<CartToken>(`/medcart/carts/${cart.id}/token`, { method: 'POST' }),
    onSuccess: (token, cart) => {
      setIssued({ cart: cart.name, token });
      refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (cart: Cart) => api<void>(`/medcart/carts/${cart.id}/token`, { method: 'DELETE' }), onSuccess: refresh });
  const list = carts.data ?? [];

  return (
    <>
      <PageHeader
        title="Devices"
        description="MedCarts post vital signs into the sessions they are attached to, each with its own token."
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setRegistering(true)}>
            Register cart
          </Button>
        }
      />
      <QueryState query={carts} empty={list.length === 0} emptyMessage="No carts registered yet.">
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-label="Carts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Cart</Table.Th>
                  <Table.Th>Location</Table.Th>
                  <Table.Th>Token</Table.Th>
                  <Table.Th>Last reading</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((cart) => (
                  <Table.Tr key={cart.id}>
                    <Table.Td fw={500}>{cart.name}</Table.Td>
                    <Table.Td>{cart.location || '—'}</Table.Td>
                    <Table.Td>
                      {cart.hasToken ? (
                        <Badge color="teal" variant="light">
                          Active since {formatMoment(cart.tokenIssuedAt!, me.timeZone)}
                        </Badge>
                      ) : (
                        <Badge color="gray">Revoked</Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{cart.lastReadingAt ? formatMoment(cart.lastReadingAt, me.timeZone) : 'Never'}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="compact-xs" variant="light" loading={newToken.isPending && newToken.variables?.id === cart.id} onClick={() => newToken.mutate(cart)} aria-label={`Issue a new token for ${cart.name}`}>
                          New token
                        </Button>
                        {cart.hasToken && (
                          <Button size="compact-xs" variant="subtle" color="red" loading={revoke.isPending && revoke.variables?.id === cart.id} onClick={() => revoke.mutate(cart)} aria-label={`Revoke the token of ${cart.name}`}>
                            Revoke
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </QueryState>
      <RegisterCartModal
        opened={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(name, token) => {
          setRegistering(false);
          setIssued({ cart: name, token });
          refresh();
        }}
      />
      <Modal opened={issued !== null} onClose={() => setIssued(null)} title={`Token for ${issued?.cart ?? ''}`} centered size="lg">
        {issued && (
          <Stack gap="sm">
            <Alert color="yellow">Copy this token into the cart now: it is shown only once. A new token replaces it; revoking stops the cart at once.</Alert>
            <Code block aria-label="Cart token">
              {issued.token.token}
            </Code>
            <Text size="xs" c="dimmed">
              The cart sends <Code>Authorization: Bearer &lt;token&gt;</Code> with each reading to <Code>POST /api/medcart/readings</Code>.
            </Text>
            <Group justify="flex-end">
              <CopyButton value={issued.token.token}>{({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? 'Copied' : 'Copy token'}</Button>}</CopyButton>
              <Button onClick={() => setIssued(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

function RegisterCartModal({ opened, onClose, onRegistered }: { readonly opened: boolean; readonly onClose: () => void; readonly onRegistered: (name: string, token: CartToken) => void }) {
  const form = useForm({ initialValues: { name: '', location: '' } });
  const [formError, setFormError] = useState('');
  const register = useMutation({
    mutationFn: (values: typeof form.values) => api<CartToken>('/medcart/carts', { method: 'POST', body: values }),
    onSuccess: (token, values) => {
      form.reset();
      onRegistered(values.name.trim(), token);
    },
    onError: (error) => setFormError(applyServerErrors(form, error)),
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Register a cart" centered>
      <form onSubmit={form.onSubmit((values) => register.mutate(values))} noValidate>
        <Stack gap="sm">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput label="Name" required placeholder="Cart 3" {...form.getInputProps('name')} />
          <TextInput label="Location" placeholder="Exam room 2, Main St clinic" {...form.getInputProps('location')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={register.isPending}>
              Register
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
