// Every rule's documentation is a section of the README whose anchor is the rule id.
export const DOCS_BASE = 'https://github.com/wharf-dev/wharf/blob/main/README.md';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}#${id}`;
}
