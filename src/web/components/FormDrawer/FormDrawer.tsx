import { Button, Drawer, Group, Modal, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';

export interface FormDrawerProps {
  readonly opened: boolean;
  readonly title: string;
  /** True when the form holds input that closing would throw away. */
  readonly dirty: boolean;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly size?: string | number;
}

/** A right-side panel for a form that asks before discarding what was typed. */
export function FormDrawer({ opened, title, dirty, onClose, children, size = 'md' }: FormDrawerProps) {
  const [confirming, setConfirming] = useState(false);
  const requestClose = () => (dirty ? setConfirming(true) : onClose());

  return (
    <>
      <Drawer
        opened={opened}
        onClose={requestClose}
        title={title}
        position="right"
        size={size}
        padding="lg"
        closeButtonProps={{ 'aria-label': 'Close panel' }}
      >
        {children}
      </Drawer>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Discard your changes?" centered size="sm">
        <Text size="sm" mb="lg">
          What you entered in “{title}” has not been saved.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
            Keep editing
          </Button>
          <Button
            color="red"
            onClick={() => {
              setConfirming(false);
              onClose();
            }}
          >
            Discard
          </Button>
        </Group>
      </Modal>
    </>
  );
}
