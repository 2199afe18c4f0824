// Apart from client.ts so that a URL can be checked (store-url.ts) without loading the client and gRPC.

/**
 * The connection string this client takes for a store URL: client 6 knows `esdb://` and
 * `esdb+discover://`; `kurrentdb://` and `kurrent://` (its successor's schemes) name the same servers.
 */
export const clientConnectionString = (url: string): string => url.replace(/^(kurrentdb|kurrent)(\+discover)?:\/\//i, (_all, _scheme, discover: string | undefined) => `esdb${discover ?? ''}://`);
