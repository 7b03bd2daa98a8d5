/** The body with each {{key}} replaced by the filled value (a blank line while empty). */
export function renderBody(body: string, data: Record<string, string>): string {
  return body.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_, key: string) => data[key] || '________');
}
