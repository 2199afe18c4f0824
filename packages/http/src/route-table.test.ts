import { describe, expect, it } from 'vitest';
import { decode, isLeft, STREAM_DEFINITIONS } from '@motcua/core';
import { commandRoutes, STREAM_ROUTES } from './route-table.js';

describe('the command route table', () => {
  const routes = commandRoutes();

  it('gives every command of every stream codec an entity route', () => {
    for (const definition of STREAM_DEFINITIONS) {
      for (const type of definition.commandCodec.tags) {
        expect(routes.some((route) => route.commandType === type && route.idInPath), type).toBe(true);
      }
    }
    expect(STREAM_ROUTES).toHaveLength(STREAM_DEFINITIONS.length);
  });

  it('never serves two commands on one path', () => {
    const paths = routes.map((route) => route.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('creates each kind of entity with a POST on its collection', () => {
    const creations = routes.filter((route) => !route.idInPath).map((route) => `${route.path} ${route.commandType}`);
    expect(creations).toEqual([
      '/dossiers ReceiveDossier',
      '/officers AppointOfficer',
      '/incidents ReportIncident',
      '/feedback ReceiveFeedback',
      '/units EstablishUnit',
    ]);
  });

  it('names, for each stream, the command field that holds the id of the path', () => {
    for (const route of routes) {
      const result = decode(route.dataCodec, {});
      expect(isLeft(result) && result.left.issues.map((issue) => issue.field), route.commandType).toContain(route.stream.idField);
    }
  });
});
