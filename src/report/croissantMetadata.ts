import type { ColumnSpec } from '../io/parquetFile.js';
import type { Manifest } from '../license/manifest.js';
import { spdxLicenseInfo } from '../license/spdxLicenseText.js';

/**
 * `<out>/croissant.json`: MLCommons Croissant 1.0 metadata (JSON-LD) — the dataset, each shard as a
 * cr:FileObject with its sha256, the shards as a cr:FileSet, one cr:RecordSet with the shard
 * columns and their types, and the licenses. Deterministic (no dates).
 */
export const CROISSANT_CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  dct: 'http://purl.org/dc/terms/',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  sc: 'https://schema.org/',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
} as const;

const DATA_TYPES: Record<string, string> = { STRING: 'sc:Text', JSON: 'sc:Text', INT32: 'sc:Integer', INT64: 'sc:Integer', DOUBLE: 'sc:Float', BOOLEAN: 'sc:Boolean', BYTE_ARRAY: 'sc:Text' };
const PARQUET = 'application/x-parquet';

export function croissantMetadata(m: Manifest, columns: ColumnSpec[]): Record<string, unknown> {
  const licenses = m.licenses.map((l) => l.license);
  const licenseUrls = [...new Set(licenses.flatMap((l) => l.split(/[\s()]+/).filter((t) => t && !/^(AND|OR|WITH)$/.test(t))))]
    .sort()
    .map((id) => (spdxLicenseInfo(id) ? `https://spdx.org/licenses/${id}.html` : id));
  return {
    '@context': CROISSANT_CONTEXT,
    '@type': 'sc:Dataset',
    conformsTo: 'http://mlcommons.org/croissant/1.0',
    name: m.name,
    description: `Pre-training corpus built by ${m.tool.name} ${m.tool.version}: ${m.totals.docs} documents, ${m.totals.rows} rows, ${m.totals.tokens} tokens (${m.tokenizer}) from ${m.sources.filter((s) => s.rows_in_shards > 0).map((s) => s.id).join(', ')}. Licenses: ${licenses.join(', ')}; see ATTRIBUTION.md and MANIFEST.md.`,
    license: licenseUrls,
    url: 'README.md',
    version: m.tool.version,
    citeAs: `${m.name} (built with ${m.tool.name} ${m.tool.version}; config sha256 ${m.config.sha256})`,
    distribution: [
      ...m.shards.map((s) => ({
        '@type': 'cr:FileObject',
        '@id': s.file,
        name: s.file,
        contentUrl: s.file,
        contentSize: `${s.bytes} B`,
        encodingFormat: PARQUET,
        sha256: s.sha256,
      })),
      { '@type': 'cr:FileSet', '@id': 'shards', name: 'shards', containedIn: m.shards.map((s) => ({ '@id': s.file })), encodingFormat: PARQUET, includes: 'shards/*.parquet' },
    ],
    recordSet: [
      {
        '@type': 'cr:RecordSet',
        '@id': 'default',
        name: 'default',
        description: 'One row per document and epoch (docs/parquet.md).',
        field: columns.map((c) => ({
          '@type': 'cr:Field',
          '@id': `default/${c.name}`,
          name: c.name,
          dataType: DATA_TYPES[c.type] ?? 'sc:Text',
          source: { fileSet: { '@id': 'shards' }, extract: { column: c.name } },
        })),
      },
    ],
  };
}
