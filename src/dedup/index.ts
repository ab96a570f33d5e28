/** Phase 2 (dedup) public API: what the pipeline and the CLI import. */
export { normalizeText } from './normalizeText.js';
export { exactHash } from './exactHash.js';
export { shingleHashes, shingleSet, jaccard } from './shingles.js';
export { minhashSignature, signatureOfShingles, estimateJaccard, isEmptySignature, EMPTY_SLOT } from './minhash.js';
export { permutationChecksum } from './permutations.js';
export { detectionProbability, bandsForTask, allBands } from './lshBands.js';
export { buildSignatureIndex, buildStoredSignatureIndex, type SignatureIndex, type SignatureStore } from './signatureIndex.js';
export { findBandEdges, mergeEdges, MAX_LEADERS, type EdgeList, type BandEdgeStats } from './bandEdges.js';
export { assignSurvivors } from './assignSurvivors.js';
export { survivorComparator } from './survivorPolicy.js';
export { dedupItems, planDedup, decideDedup, planDedupTable, decideDedupTable, DECISION_KINDS, type DedupItem, type DedupDecision, type DedupAlarm, type DedupResult, type DedupPlan, type TablePlan, type DedupOutcome } from './dedupItems.js';
export { DedupTable } from './dedupTable.js';
export { SignatureFile } from './signatureFile.js';
export { planDedupMemory, inMemoryBytesPerDoc, DEDUP_WORKING_BYTES, type DedupMemoryPlan } from './dedupMemory.js';
export { SpanCounter, countSpans, stripRepeatedSpans, splitSpans } from './spanDedup.js';
export { dedupJsonlFile, type DedupFileResult } from './dedupJsonlFile.js';
export { planFingerprint, tablePlanFingerprint, encodeEdges, decodeEdges } from './edgeFile.js';
export { assertComparableSignatures } from './permutations.js';
