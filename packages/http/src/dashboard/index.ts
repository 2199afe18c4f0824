export { registerDashboard, DASHBOARD_CONTENT_SECURITY_POLICY } from './dashboard-routes.js';
