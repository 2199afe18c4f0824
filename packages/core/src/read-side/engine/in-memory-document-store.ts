import type { DocumentBuild, DocumentCommit, DocumentPage, DocumentStore, ListQuery, ProjectionHeader, ProjectionSlot, SyncDocumentStore } from './document-store.js';
import { documentText } from './document-text.js';
import type { ProvinceFailure } from './province-failures.js';

interface Copy {
  header: ProjectionHeader;
  documents: Map<string, string>;
}

/**
 * A commit's or a write's documents as JSON text (`undefined` for a deleted one), all serialised before
 * any is kept, as a database does: a document that cannot be stored changes nothing.
 */
const texts = (name: string, documents: ReadonlyMap<string, unknown>): [string, string | undefined][] =>
  Array.from(documents, ([key, document]) => [key, document === undefined ? undefined : documentText(name, key, document)]);

/** A running copy's header, with its failed provinces when there are any. */
const runningHeader = (version: number, checkpoint: number, failures: readonly ProvinceFailure[] | undefined): ProjectionHeader =>
  failures === undefined || failures.length === 0
    ? { version, checkpoint, status: 'running' }
    : { version, checkpoint, status: 'running', provinceFailures: JSON.parse(JSON.stringify(failures)) as ProvinceFailure[] };

/**
 * `DocumentStore` in memory, for tests and for embedders without a database: documents are kept as
 * JSON text, so a document changed after its commit is not changed in the store, as with a database.
 */
export class InMemoryDocumentStore implements DocumentStore {
  private readonly copies = new Map<string, Copy>();

  /** The same documents without promises, as a store inside its append transaction uses them. */
  readonly sync: SyncDocumentStore = {
    header: (name, slot = 'live') => this.copy(name, slot)?.header,
    get: (name, key, slot = 'live') => this.getNow(name, key, slot),
    commit: (name, commit, slot = 'live') => this.commitNow(name, commit, slot),
  };

  private id = (name: string, slot: ProjectionSlot) => `${slot}:${name}`;
  private copy = (name: string, slot: ProjectionSlot): Copy | undefined => this.copies.get(this.id(name, slot));

  header(name: string, slot: ProjectionSlot = 'live'): Promise<ProjectionHeader | undefined> {
    return Promise.resolve(this.copy(name, slot)?.header);
  }

  private getNow(name: string, key: string, slot: ProjectionSlot = 'live'): unknown {
    const text = this.copy(name, slot)?.documents.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }

  getMany(name: string, keys: readonly string[], slot: ProjectionSlot = 'live'): Promise<ReadonlyMap<string, unknown>> {
    const found = new Map<string, unknown>();
    for (const key of keys) {
      const document = this.getNow(name, key, slot);
      if (document !== undefined) found.set(key, document);
    }
    return Promise.resolve(found);
  }

  list(name: string, { prefix, after, limit }: ListQuery, slot: ProjectionSlot = 'live'): Promise<DocumentPage> {
    const keys = [...(this.copy(name, slot)?.documents.keys() ?? [])]
      .filter((key) => key.startsWith(prefix) && (after === undefined || key > after))
      .sort();
    const page = keys.slice(0, Math.max(0, limit));
    const documents = page.map((key) => [key, this.getNow(name, key, slot)] as const);
    return Promise.resolve(keys.length > page.length && page.length > 0 ? { documents, next: page[page.length - 1] as string } : { documents });
  }

  commit(name: string, commit: DocumentCommit, slot: ProjectionSlot = 'live'): Promise<void> {
    this.commitNow(name, commit, slot);
    return Promise.resolve();
  }

  private commitNow(name: string, commit: DocumentCommit, slot: ProjectionSlot): void {
    const id = this.id(name, slot);
    const previous = this.copies.get(id);
    const documents = commit.fresh === true || previous === undefined ? new Map<string, string>() : previous.documents;
    for (const [key, text] of texts(name, commit.documents)) {
      if (text === undefined) documents.delete(key);
      else documents.set(key, text);
    }
    const failures = commit.provinceFailures ?? (commit.fresh === true ? undefined : previous?.header.provinceFailures);
    this.copies.set(id, { header: runningHeader(commit.version, commit.checkpoint, failures), documents });
  }

  promoteShadow(name: string): Promise<void> {
    const shadow = this.copy(name, 'shadow');
    if (shadow === undefined) return Promise.reject(new Error(`projection ${name} has no shadow copy to promote`));
    this.copies.set(this.id(name, 'live'), shadow);
    this.copies.delete(this.id(name, 'shadow'));
    return Promise.resolve();
  }

  /** A build's scratch area: JSON text by key, which becomes the copy's documents at `finish`. */
  startBuild(name: string, slot: ProjectionSlot): DocumentBuild {
    let scratch: Map<string, string | undefined> | undefined = new Map();
    const open = (): Map<string, string | undefined> => {
      if (scratch === undefined) throw new Error(`projection ${name}: its build is over`);
      return scratch;
    };
    return {
      write: (documents) => {
        const written = open();
        for (const [key, text] of texts(name, documents)) written.set(key, text);
      },
      get: (key) => {
        const text = open().get(key);
        return text === undefined ? undefined : JSON.parse(text);
      },
      finish: ({ version, checkpoint, provinceFailures }) => {
        const documents = new Map<string, string>();
        for (const [key, text] of open()) if (text !== undefined) documents.set(key, text);
        scratch = undefined;
        this.copies.set(this.id(name, slot), { header: runningHeader(version, checkpoint, provinceFailures), documents });
        return Promise.resolve();
      },
      discard: () => {
        scratch = undefined;
      },
    };
  }

  drop(name: string, slot: ProjectionSlot): Promise<void> {
    this.copies.delete(this.id(name, slot));
    return Promise.resolve();
  }

  names(): Promise<readonly string[]> {
    return Promise.resolve(
      [...this.copies.keys()]
        .filter((id) => id.startsWith('live:'))
        .map((id) => id.slice('live:'.length))
        .sort(),
    );
  }
}
