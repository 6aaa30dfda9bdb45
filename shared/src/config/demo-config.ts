import { BranchConfig } from './branch-config';
import demo from './demo-branch.json' with { type: 'json' };

/** The demo branch `npm start` runs when no configuration file is given. */
export const demoBranchConfig: BranchConfig = BranchConfig.parse(demo);
