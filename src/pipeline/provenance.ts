import type { SourceConfig } from '../config/sourceSchema.js';

/**
 * Per-document provenance columns of the shards: the source's version and the document's upstream
 * location from the source's `upstream_url` template ({version}, {path}, {url}). Computed at
 * write time from the config, so changing them never re-reads a source. `found` is the version the
 * reader recorded for the document (staging `source_version`); the config's `version` wins over it.
 */
export function provenanceOf(source: SourceConfig | undefined, url: string, found = ''): { source_version: string; upstream_url: string } {
  const version = source?.version ?? found;
  const path = filePath(source?.id ?? '', url);
  let upstream = '';
  if (source?.upstream_url) {
    upstream = source.upstream_url
      .replaceAll('{version}', encodeURIComponent(version).replace(/%2B/gi, '+'))
      .replaceAll('{path}', path.split('/').map(encodeURIComponent).join('/'))
      .replaceAll('{url}', url);
  } else if (/^https?:\/\//.test(url)) {
    upstream = url; // a fetched page is its own upstream
  }
  return { source_version: version, upstream_url: upstream };
}

/** The relative path of a files-source document (`file://<source>/<path>`), '' for other URLs. */
function filePath(sourceId: string, url: string): string {
  const prefix = `file://${sourceId}/`;
  if (!url.startsWith(prefix)) return '';
  return url.slice(prefix.length).split('/').map((p) => decodeURIComponent(p)).join('/');
}
