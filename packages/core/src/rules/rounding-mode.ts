import { oneOf } from '../kernel/primitives.js';

/** How a figure is rounded at its last digit: half up, or half to the even neighbour. */
export const RoundingModeCodec = oneOf('RoundingMode', ['half-up', 'half-even']);
