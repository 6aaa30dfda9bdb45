import { ServerTlsView } from '../protocol/server-tls';
import { defineRoute } from './route';

/** GET /api/admin/tls: the certificate the server presents (`tls: null` over plain HTTP). */
export const ServerTlsRoute = defineRoute({ method: 'GET', path: '/api/admin/tls', roles: ['manager'], reply: ServerTlsView });
