import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { registerVerdictCommand } from './audit-incident.js';
import type { GlobalOptions } from './global.js';

export const registerAuditFeedback = (program: Command, io: CliIo, globals: () => GlobalOptions): void =>
  registerVerdictCommand(program, io, globals, {
    kind: 'feedback',
    subject: 'feedback id, e.g. fb-m1-khieu-nai',
    description: "a feedback's handling against its deadlines: the answer due by its legal kind, forwarding within 5 working days (Decree 20/2008), as TT01 index 8 judges it",
    examples: ['motcua audit feedback fb-m1-khieu-nai --db demo.db', 'motcua audit feedback fb-m1-khieu-nai --as-of 1200 --json'],
  });
