import type { UnitEvent } from './events.js';
import type { UnitState } from './state.js';

export const evolve = (state: UnitState, event: UnitEvent): UnitState => {
  if (event.type === 'UnitEstablished') {
    if (state.status !== 'not-established') return state;
    const { data } = event;
    const parent = data.parentCode === undefined ? {} : { parentCode: data.parentCode };
    return {
      status: 'active',
      code: data.code,
      kind: data.kind,
      name: data.name,
      ...parent,
      provinceCode: data.provinceCode,
      establishedOn: data.effectiveDate,
      lastChangeOn: data.effectiveDate,
      names: [{ name: data.name, from: data.effectiveDate }],
      attachments: [{ ...parent, provinceCode: data.provinceCode, from: data.effectiveDate }],
    };
  }
  if (state.status === 'not-established') return state;
  switch (event.type) {
    case 'UnitRenamed':
      return {
        ...state,
        name: event.data.name,
        lastChangeOn: event.data.effectiveDate,
        names: [...state.names, { name: event.data.name, from: event.data.effectiveDate }],
      };
    case 'UnitReattached': {
      const { parentCode: _previous, ...rest } = state;
      const parent = event.data.parentCode === undefined ? {} : { parentCode: event.data.parentCode };
      return {
        ...rest,
        ...parent,
        provinceCode: event.data.provinceCode,
        lastChangeOn: event.data.effectiveDate,
        attachments: [...state.attachments, { ...parent, provinceCode: event.data.provinceCode, from: event.data.effectiveDate }],
      };
    }
    case 'UnitDissolved':
      return {
        ...state,
        status: 'dissolved',
        lastChangeOn: event.data.effectiveDate,
        dissolvedOn: event.data.effectiveDate,
        successorCode: event.data.successorCode,
      };
  }
};
