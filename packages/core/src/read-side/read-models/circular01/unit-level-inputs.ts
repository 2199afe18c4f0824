/** Unit-level inputs now live with what the satisfaction read models share. */
export * from '../satisfaction-support/unit-level-inputs.js';
