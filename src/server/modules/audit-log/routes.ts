import { auditChainSchema, auditFilterSchema, auditPageSchema, auditQuerySchema } from '../../../shared/audit';
import { file, json, problems } from '../../http/responses';
import type { App } from '../../http/types';
import { staffOf } from '../auth';
import type { AuditLog } from './service';

const tags = ['Audit'];

export function auditLogRoutes(app: App, audit: AuditLog): void {
  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'The audit trail',
        description: 'Administrators only. Who did what, about which patients and session, newest first, 50 at a time.',
        querystring: auditQuerySchema,
        response: { 200: json(auditPageSchema), ...problems(400, 401, 403) },
      },
    },
    (request) => audit.list(staffOf(request), request.query),
  );
  app.get(
    '/audit/chain',
    {
      schema: {
        tags,
        summary: 'Check the audit hash chain',
        description: 'Administrators only. Recomputes every event’s hash, oldest first, and names the first link that does not hold; the same check as `carebeam audit verify`.',
        response: { 200: json(auditChainSchema), ...problems(401, 403) },
      },
    },
    (request) => audit.chain(staffOf(request)),
  );
  app.get(
    '/audit/export.csv',
    {
      schema: {
        tags,
        summary: 'The audit trail as CSV',
        description: 'Administrators only. The same filters as the list, up to 50,000 rows, newest first; the export is itself audited (`audit.exported`).',
        querystring: auditFilterSchema,
        response: { 200: file('text/csv', 'RFC 4180 CSV with a header row; cells a spreadsheet would run as formulas start with an apostrophe'), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { filename, csv } = await audit.exportCsv(staffOf(request), request.query, request.ip);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}
