import type { SourceConfig } from '../config/sourceSchema.js';

/**
 * The largest payload a source's records may have, from the source's own limit: extraction and
 * every decoder after the reader use it, so no hard-coded cap overrides what the config says.
 */
export function payloadLimit(src: SourceConfig): number {
  switch (src.kind) {
    case 'files':
      return src.max_file_bytes;
    case 'http':
      return src.max_body_bytes;
    default:
      return src.max_record_bytes;
  }
}
