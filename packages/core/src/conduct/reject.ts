import { rejecter } from '../kernel/errors.js';
import type { IncidentErrorCode } from './errors.js';

export const reject = rejecter<IncidentErrorCode>();
