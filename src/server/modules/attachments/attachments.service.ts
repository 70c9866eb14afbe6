/** The attachments module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export { detectContentType } from './attachments.content';
export { insertAttachment } from './attachments.repository';
export { registerAttachmentSubject } from './attachments.subjects';
