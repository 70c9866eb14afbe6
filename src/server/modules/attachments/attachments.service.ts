/** The attachments module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export {
  cleanFileName,
  contentDisposition,
  detectContentType,
  maxAttachmentBytes,
} from './attachments.content';
export { insertAttachment } from './attachments.repository';
export { registerAttachmentSubject } from './attachments.subjects';
/** A file checked (type from its bytes, size) and stored on a record the actor may write (e-mail intake). */
export { uploadAttachment } from './attachments.usecases';
