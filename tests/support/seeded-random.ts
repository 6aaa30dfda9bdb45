// The generator lives in shared (the staffing simulation draws from it too); tests and benchmarks import it here.
export { seededRandom } from '@rinda/shared';
