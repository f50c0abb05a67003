import { ActionIcon, Button, Group, Menu, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconDots, IconExternalLink, IconPencil, IconRestore, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { DocumentTemplate } from '../../../shared/documents';
import { ApiError } from '../../api/client';
import { useDeleteTemplate, useSetActive } from './api';
import { templateFileUrl } from './pdf-files';

export interface TemplateActionsProps {
  readonly template: DocumentTemplate;
  readonly onEditPdf: (template: DocumentTemplate) => void;
}

const failed = (error: Error) => notifications.show({ color: 'red', title: 'Not done', message: error.message });

/** Edit, read, retire or restore, and delete (only a document no session ever had). */
export function TemplateActions({ template, onEditPdf }: TemplateActionsProps) {
  const navigate = useNavigate();
  const setActive = useSetActive();
  const remove = useDeleteTemplate();
  const [confirming, setConfirming] = useState(false);

  const changeActive = (active: boolean) =>
    setActive.mutate(
      { id: template.id, active },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            title: active ? `${template.name} restored` : `${template.name} retired`,
            message: active ? 'It can be assigned to sessions again.' : 'It can no longer be assigned. Sessions that have it keep it.',
          }),
        onError: failed,
      },
    );

  const confirmDelete = () =>
    remove.mutate(template.id, {
      onSuccess: () => {
        setConfirming(false);
        notifications.show({ color: 'teal', title: `${template.name} deleted`, message: 'No session had it.' });
      },
      onError: (error) => {
        setConfirming(false);
        const inUse = error instanceof ApiError && error.code === 'template_in_use';
        if (!inUse) return failed(error);
        notifications.show({ color: 'yellow', title: 'Sessions have this document', message: 'Its completed copies must stay readable: retire it instead.' });
      },
    });

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${template.name}`}>
            <IconDots size={16} aria-hidden="true" />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            leftSection={<IconPencil size={16} aria-hidden="true" />}
            onClick={() => (template.kind === 'form' ? void navigate(`/documents/${template.id}`) : onEditPdf(template))}
          >
            Edit
          </Menu.Item>
          {template.kind === 'pdf' && (
            <Menu.Item component="a" href={templateFileUrl(template.id)} target="_blank" rel="noopener noreferrer" leftSection={<IconExternalLink size={16} aria-hidden="true" />}>
              Open the PDF
            </Menu.Item>
          )}
          {template.active ? (
            <Menu.Item leftSection={<IconArchive size={16} aria-hidden="true" />} onClick={() => changeActive(false)}>
              Retire
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconRestore size={16} aria-hidden="true" />} onClick={() => changeActive(true)}>
              Restore
            </Menu.Item>
          )}
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden="true" />} onClick={() => setConfirming(true)}>
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Delete ${template.name}?`} centered size="sm">
        <Text size="sm" mb="lg">
          Only a document that no session ever had can be deleted. Otherwise, retire it: it stops being offered and every completed copy stays.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
            Keep it
          </Button>
          <Button color="red" onClick={confirmDelete} loading={remove.isPending}>
            Delete
          </Button>
        </Group>
      </Modal>
    </>
  );
}
