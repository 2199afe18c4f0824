#!/usr/bin/env node
import { exitQuietlyWhenStdoutCloses } from './cli-io.js';
import { runCli } from './program.js';

exitQuietlyWhenStdoutCloses();
process.exitCode = await runCli(process.argv);
