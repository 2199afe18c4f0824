// The line format lives in @motcua/core (kernel/export-line.ts): audit bundles carry the same lines.
export { decodeExportLine as decodeEnvelope, ExportLineCodec, lineHash, type ExportLine } from '@motcua/core';
