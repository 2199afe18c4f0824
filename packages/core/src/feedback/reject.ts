import { rejecter } from '../kernel/errors.js';
import type { FeedbackErrorCode } from './errors.js';

export const reject = rejecter<FeedbackErrorCode>();
