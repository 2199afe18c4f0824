export { registerReportRoutes, reportPaths, REPORT_FORMATS, FORM_READ_MODELS, type ReportFormat } from './report-routes.js';
export { processingReport, PROCESSING_COLUMNS } from './processing-report.js';
export { indexReport, CIRCULAR01_FORM, INDEX766_FORM } from './index-reports.js';
export { readSideFigures, type FigureReader } from './figure-reader.js';
export { reportCsv } from './csv.js';
export { reportXlsx } from './xlsx.js';
export { reportHtml } from './html.js';
export { REPORT_FORMS, type Report, type ReportCell, type ReportColumn, type ReportRow, type ReportForm, type CellSource } from './report.js';
