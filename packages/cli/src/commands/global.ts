export interface GlobalOptions {
  readonly db: string;
}
