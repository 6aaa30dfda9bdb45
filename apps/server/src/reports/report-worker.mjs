// Entry of the report worker thread. Workers do not inherit tsx's loader, so it is registered here
// before the TypeScript worker module loads.
import { register } from 'tsx/esm/api';

register();
await import('./report-worker-main.ts');
