/** A multipart upload as a browser sends it: text fields first, then the file in `file`. */
export async function multipart(file: { bytes: Uint8Array; filename: string; type?: string }, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.filename);
  const body = new Response(form);
  return { headers: { 'content-type': body.headers.get('content-type')! }, body: Buffer.from(await body.arrayBuffer()) };
}
