// Worker-thread bootstrap when curate runs from its TypeScript sources (no build in dist/):
// registers tsx inside the worker, then loads the same entry the compiled build uses.
import { register } from 'tsx/esm/api';

register();
const mod = await import('../src/pipeline/recordWorkerEntry.ts');
export default mod.default;
