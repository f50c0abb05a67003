import { Navigate, useParams } from 'react-router';
import { NotFoundPage } from '../not-found/NotFoundPage';
import { QueryState } from '../../components/QueryState/QueryState';
import { useAllTemplates } from './api';
import { FormBuilder } from './FormBuilder';

/** `/documents/new` builds a form; `/documents/:id` edits one (a PDF document is edited in its panel). */
export function FormBuilderPage() {
  const { id } = useParams();
  const templates = useAllTemplates();
  if (!id) return <FormBuilder template={null} />;
  const template = templates.data?.find((t) => t.id === id);
  return (
    <QueryState query={templates}>
      {!template ? <NotFoundPage /> : template.kind === 'pdf' ? <Navigate to="/documents" replace /> : <FormBuilder key={`${id}:${template.version}`} template={template} />}
    </QueryState>
  );
}
