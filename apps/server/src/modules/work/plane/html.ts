import sanitizeHtml from 'sanitize-html';

/**
 * Rich text as Plane's editor writes it, with everything that could run script removed: the usual formatting
 * tags, images, task lists and Plane's own components (mentions, images, callouts), with their data attributes.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'del',
    'ins',
    'label',
    'input',
    'mention-component',
    'image-component',
    'issue-embed-component',
  ],
  allowedAttributes: {
    '*': ['class', 'data-*', 'id', 'colspan', 'rowspan', 'align'],
    a: ['href', 'name', 'target', 'rel', 'title'],
    img: ['src', 'srcset', 'alt', 'title', 'width', 'height', 'loading'],
    input: ['type', 'checked', 'disabled'],
    'mention-component': ['id', 'entity_identifier', 'entity_name', 'target', 'label', 'redirect_uri'],
    'image-component': ['src', 'id', 'width', 'height', 'aspectratio', 'alignment'],
    'issue-embed-component': ['entity_identifier', 'entity_name', 'id', 'project_identifier', 'sequence_id'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, options);
}

/** Text content only, for search and previews (Plane's `description_stripped`). */
export function stripHtml(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}
