import type { FeatureModule } from './feature-module';
import { speechFeature } from './speech/speech-feature';
import { printingFeature } from './printing/printing-feature';
import { reportsFeature } from './reports/reports-feature';
import { adminFeature } from './admin/admin-feature';
import { staffingFeature } from './staffing/staffing-feature';
import { appointmentsFeature } from './appointments/appointments-feature';

/** The one list of feature modules createApp mounts. Add yours with one line. */
// Staffing before reports: it closes first, so its live alerts stop before reports close the shared worker.
export const features: FeatureModule[] = [speechFeature(), printingFeature(), staffingFeature(), reportsFeature(), adminFeature(), appointmentsFeature()];
