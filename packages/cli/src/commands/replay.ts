import type { Command } from 'commander';
import { checkStoredEvent, createDesk, parseProvinceStreamId, provinceStreamId, STREAM_DEFINITIONS, type RecordedEvent } from '@motcua/core';
import { CliError, type CliIo } from '../cli-io.js';
import { openStoreToRead } from '../open-store.js';
import { DEMO_TENANT } from '../seed/province.js';
import { terminalLines } from '../terminal-lines.js';
import { province as provinceArgument, streamId as streamIdArgument } from '../validate.js';
import type { GlobalOptions } from './global.js';

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
};

/** The top-level fields that differ between two states, as `field: before → after`. */
export const stateChanges = (before: object, after: object): readonly string[] => {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((key) => {
    const a = (before as Record<string, unknown>)[key];
    const b = (after as Record<string, unknown>)[key];
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${key}: ${show(a)} → ${show(b)}`];
  });
};

/**
 * The stored id of the stream an argument names: a province-qualified id as stored
 * (`dossier-<province>:<code>`), or `<kind>-<id>` in the province given (default the demo province).
 */
export const resolveStreamId = (value: string, province: string | undefined): string => {
  const qualified = parseProvinceStreamId(value);
  if (qualified !== undefined) {
    if (province !== undefined && province !== qualified.tenantId) {
      throw new CliError(`stream ${value} is in province ${qualified.tenantId}, not ${province}: leave out --province or name the stream as <kind>-<id>`, 2);
    }
    return value;
  }
  const dash = value.indexOf('-');
  return provinceStreamId(value.slice(0, dash), province ?? DEMO_TENANT, value.slice(dash + 1));
};

export const registerReplay = (program: Command, io: CliIo, globals: () => GlobalOptions): void => {
  program
    .command('replay')
    .description("fold a stream event by event through its decider's evolve, printing what each event changed in the state")
    .argument(
      '<streamId>',
      'stream: dossier-<code>, officer-<id>, incident-<id>, feedback-<id> or unit-<code> in --province, or a stream id as stored (dossier-<province>:<code>)',
      streamIdArgument,
    )
    .option('--province <id>', `province of the stream (default ${DEMO_TENANT})`, provinceArgument)
    .addHelpText(
      'after',
      '\nExamples:\n  $ motcua replay dossier-000.00.15.H55-260302-0001\n  $ motcua replay unit-bk-xa-thanh-van --province demo-thai-nguyen\n  $ motcua replay dossier-demo-thai-nguyen:000.00.15.H55-260302-0001',
    )
    .action(async (argument: string, options: { province?: string }) => {
      const streamId = resolveStreamId(argument, options.province);
      const source = openStoreToRead(globals().db, io);
      const { store } = source;
      try {
        const desk = createDesk({ store });
        const definition = STREAM_DEFINITIONS.find((d) => streamId.startsWith(`${d.name}-`));
        if (definition === undefined) throw new CliError(`no kind of stream matches ${streamId}`, 2);
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the five deciders have different command, event and state types
        const decider = definition.createDecider({ calendar: desk.calendar, rules: desk.rules }) as any;
        const { events } = await store.readStream(streamId);
        if (events.length === 0) throw new CliError(`stream ${streamId} has no events in ${globals().db}`);
        let state: object = decider.initialState();
        for (const raw of events) {
          const event = checkStoredEvent(raw, definition.eventCodec as never) as RecordedEvent;
          const next: object = decider.evolve(state, event);
          const changes = stateChanges(state, next);
          io.out(terminalLines([`v${event.metadata.streamVersion} ${event.type} (${event.metadata.occurredAt})`, ...(changes.length === 0 ? ['    (no change)'] : changes.map((change) => `    ${change}`))]));
          state = next;
        }
        io.out(terminalLines(['', `${events.length} events replayed; final state:`, ...JSON.stringify(state, null, 2).split('\n')]));
      } finally {
        await source.close();
      }
    });
};
