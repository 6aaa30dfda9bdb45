import type { FeatureModule } from './feature-module';
import { speechFeature } from './speech/speech-feature';
import { printingFeature } from './printing/printing-feature';
import { reportsFeature } from './reports/reports-feature';
import { adminFeature } from './admin/admin-feature';

/** The one list of feature modules createApp mounts. Add yours with one line. */
export const features: FeatureModule[] = [speechFeature(), printingFeature(), reportsFeature(), adminFeature()];
