export { startCentral, type RunningCentral, type StartCentralOptions } from './central-server';
export { openSql, openPostgres, openPglite, type Sql } from './db/sql';
export { migrateCentral, loadCentralMigrations } from './db/migrate';
