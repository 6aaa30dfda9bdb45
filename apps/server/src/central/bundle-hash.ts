import { createHash } from 'node:crypto';
import { canonicalJson, type BundleContent } from '@rinda/shared';

/** A bundle's identity: sha256 (hex) of its content's canonical JSON. Head office stamps it, the branch checks it. */
export function bundleHash(content: BundleContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
