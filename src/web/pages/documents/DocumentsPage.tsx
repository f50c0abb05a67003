import { Badge, Button, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { AUDIENCE_LABELS, type DocumentTemplate } from '../../../shared/documents';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { QueryState } from '../../components/QueryState/QueryState';
import { ActiveBadge } from '../../components/StatusBadge/StatusBadge';
import { fileSize } from '../../lib/file-size';
import { useAllTemplates } from './api';
import { PdfDrawer } from './PdfDrawer';
import { TemplateActions } from './TemplateActions';

const describe = (t: DocumentTemplate) =>
  t.kind === 'pdf'
    ? `PDF to read and sign${t.file ? ` · ${t.file.filename} · ${fileSize(t.file.size)}` : ''}`
    : `Form · ${t.fields.length} ${t.fields.length === 1 ? 'question' : 'questions'}`;

/** The clinic's documents: forms to fill in and PDFs to acknowledge, for participants or hosts. */
export function DocumentsPage() {
  const templates = useAllTemplates();
  const [editingPdf, setEditingPdf] = useState<DocumentTemplate | 'new' | null>(null);
  // Active ones first; the server already orders by name.
  const rows = [...(templates.data ?? [])].sort((a, b) => Number(b.active) - Number(a.active));

  return (
    <>
      <PageHeader
        title="Documents"
        description="Consent forms, questionnaires and checklists that sessions give to participants and hosts."
        actions={
          <>
            <Button variant="default" leftSection={<IconUpload size={16} aria-hidden="true" />} onClick={() => setEditingPdf('new')}>
              Upload PDF
            </Button>
            <Button component={Link} to="/documents/new" leftSection={<IconPlus size={16} aria-hidden="true" />}>
              New form
            </Button>
          </>
        }
      />
      <Paper withBorder radius="md" p="md">
        <QueryState query={templates} empty={rows.length === 0} emptyMessage="No documents yet. Build a form or upload a PDF.">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Documents">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Document</Table.Th>
                  <Table.Th>Completed by</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((template) => (
                  <Table.Tr key={template.id}>
                    <Table.Td>
                      {template.kind === 'form' ? (
                        <Text component={Link} to={`/documents/${template.id}`} fw={500} size="sm" c="inherit" td="none">
                          {template.name}
                        </Text>
                      ) : (
                        <Text fw={500} size="sm">
                          {template.name}
                        </Text>
                      )}
                      <Text c="dimmed" size="xs">
                        {describe(template)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={template.audience === 'host' ? 'grape' : 'blue'} tt="none">
                        {AUDIENCE_LABELS[template.audience]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{template.version}</Table.Td>
                    <Table.Td>
                      <ActiveBadge active={template.active} inactiveLabel="Retired" />
                    </Table.Td>
                    <Table.Td>
                      <TemplateActions template={template} onEditPdf={setEditingPdf} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryState>
      </Paper>
      {editingPdf && (
        <PdfDrawer key={editingPdf === 'new' ? 'new' : editingPdf.id} template={editingPdf === 'new' ? null : editingPdf} onClose={() => setEditingPdf(null)} />
      )}
    </>
  );
}
