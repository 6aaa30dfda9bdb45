export { createApp, type AppDeps, type RindaApp } from './app';
export type { AppContext, AuthHelpers, DeviceHelpers, SocketData, TypedServer, CommittedListener } from './app-context';
export type { FeatureModule } from './features';
export { noPrinting, type TicketPrinting } from './ports';
export type { Principal } from './auth/principal';
export { createTicketPrinting, type TicketPrintingOptions } from './printing/ticket-printing';
