// Ingest worker-process bootstrap when curate runs from its TypeScript sources (no build in
// dist/): registers tsx in the child process, then loads the same entry the compiled build uses.
import { register } from 'tsx/esm/api';

register();
await import('../src/pipeline/ingestWorkerProcess.ts');
