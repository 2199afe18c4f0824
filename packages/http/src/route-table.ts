import {
  dossierStream,
  feedbackStream,
  incidentStream,
  officerStream,
  PRE_RECEIPT_STATUSES,
  unitStream,
  type ActorRole,
  type DossierCommand,
  type DossierState,
  type FeedbackCommand,
  type IncidentCommand,
  type OfficerCommand,
  type t,
  type UnitCommand,
} from '@motcua/core';

/** The desk's stream APIs, by the property name `Desk` gives them. */
export type StreamKey = 'dossiers' | 'officers' | 'incidents' | 'feedback' | 'units';

/** Who may send a command; scope (tenant, unit, own subject) is checked on top of the role. */
type Roles = readonly ActorRole[];

interface CommandSpec {
  /** Path segment under the entity: `POST /dossiers/{code}/<segment>`. */
  readonly segment: string;
  readonly roles: Roles;
  /** Also served as `POST /<collection>` with the id in the body; may start a new stream. */
  readonly creates?: boolean;
  /** May start a new stream when sent to the entity path (guidance, an online submission). */
  readonly startsStream?: boolean;
  readonly summary: string;
}

/** A stream's command codec as `taggedUnion` builds it: its tags and the codec of each member. */
export type CommandCodec = t.Mixed & { readonly tags: readonly string[]; readonly members: ReadonlyMap<string, t.Mixed> };

// The stream definitions type the codec without `members`; `taggedUnion` always sets it.
const withMembers = (codec: t.Mixed & { readonly tags: readonly string[] }): CommandCodec => {
  const members = (codec as { members?: unknown }).members;
  if (!(members instanceof Map)) throw new Error(`command codec ${codec.name} has no members`);
  return codec as CommandCodec;
};

export interface StreamRoutes {
  readonly key: StreamKey;
  /** `dossiers` in `/dossiers/{code}`. */
  readonly collection: string;
  /** Name of the path parameter and of the field of every command that holds it. */
  readonly idParam: string;
  readonly idField: string;
  readonly title: string;
  readonly commandCodec: CommandCodec;
  readonly commands: Readonly<Record<string, CommandSpec>>;
  /** Roles that may read an entity of this stream (state and history), within their scope. */
  readonly readRoles: Roles;
  /**
   * Whether the stream's state is an entity `POST /<collection>` would make again (a dossier already
   * received): that route answers it with 409. Absent: the creating command is decided as any other.
   */
  readonly exists?: (state: unknown) => boolean;
}

const STAFF: Roles = ['receptionist', 'processing-officer', 'unit-head', 'director', 'system'];
const HEADS: Roles = ['unit-head', 'director', 'system'];
const TOP: Roles = ['director', 'system'];

// `Record<Command['type'], …>`: a command added to a codec without a route fails to compile.
const dossierCommands: Record<DossierCommand['type'], CommandSpec> = {
  RecordGuidance: { segment: 'guidance', roles: ['receptionist', 'unit-head', 'director', 'system'], startsStream: true, summary: 'Record guidance given to an applicant' },
  SubmitDossier: { segment: 'submission', roles: ['receptionist', 'unit-head', 'director', 'system', 'citizen'], startsStream: true, summary: 'Record an arrival before it is checked' },
  RequestSupplementAtIntake: { segment: 'intake-supplement-requests', roles: ['receptionist', 'unit-head', 'director', 'system'], summary: 'Ask for missing documents at intake' },
  RefuseAtIntake: { segment: 'intake-refusal', roles: ['receptionist', 'unit-head', 'director', 'system'], summary: 'Refuse a dossier at intake' },
  ReceiveDossier: { segment: 'receipt', roles: ['receptionist', 'unit-head', 'director', 'system'], creates: true, startsStream: true, summary: 'Receive a dossier (form 01) and fix its promised return date' },
  TransferDossier: { segment: 'transfer', roles: STAFF, summary: 'Transfer a received dossier to its processing body' },
  RequestSupplement: { segment: 'supplement-requests', roles: ['processing-officer', 'unit-head', 'director', 'system'], summary: 'Ask for a supplement during processing' },
  ReceiveSupplement: { segment: 'supplements', roles: STAFF, summary: 'Record a delivered supplement' },
  ForwardToAgency: { segment: 'agency-steps', roles: ['processing-officer', 'unit-head', 'director', 'system'], summary: 'Forward to another agency for an inter-agency step' },
  ReturnFromAgency: { segment: 'agency-returns', roles: ['processing-officer', 'unit-head', 'director', 'system'], summary: 'Record the return of an inter-agency step' },
  AssignStep: { segment: 'processing-steps', roles: ['processing-officer', 'unit-head', 'director', 'system'], summary: 'Assign a step of the processing control sheet (form 05) to a body or officer, with its working days' },
  CompleteStep: { segment: 'processing-step-completions', roles: ['processing-officer', 'unit-head', 'director', 'system'], summary: 'Record that a step of the processing control sheet (form 05) was handed back' },
  CompleteProcessing: { segment: 'completion', roles: ['processing-officer', 'unit-head', 'director', 'system'], summary: 'Record the processing decision' },
  IssueApology: { segment: 'apologies', roles: ['processing-officer', 'unit-head', 'director', 'system'], summary: 'Issue an apology letter (form 04) with a new due date' },
  RecordResultReady: { segment: 'result-ready', roles: STAFF, summary: 'Record that the result reached the desk, ready to return (the time limit is judged here)' },
  ReturnResult: { segment: 'result-return', roles: ['receptionist', 'unit-head', 'director', 'system'], summary: 'Return the result to the applicant' },
  ReportResultError: { segment: 'result-errors', roles: STAFF, summary: 'Record an error found in a returned result (Decree 61/2018 Art.21); its correction falls due' },
  CorrectResult: { segment: 'result-corrections', roles: STAFF, summary: 'Return the corrected result: by which body, whether its own error (then free and with an apology)' },
  WithdrawDossier: { segment: 'withdrawal', roles: ['receptionist', 'unit-head', 'director', 'system', 'citizen'], summary: 'Withdraw a dossier at the applicant\'s request' },
  RateDossier: { segment: 'ratings', roles: ['receptionist', 'system', 'citizen', 'device'], summary: 'Record the applicant\'s rating (a counter tablet or kiosk with its device credential: channel counter-device, its own unit)' },
};

const officerCommands: Record<OfficerCommand['type'], CommandSpec> = {
  AppointOfficer: { segment: 'appointment', roles: TOP, creates: true, startsStream: true, summary: 'Appoint an officer to a desk' },
  ReassignOfficer: { segment: 'reassignment', roles: TOP, summary: 'Reassign an officer' },
  RecordOfficerLeaving: { segment: 'leaving', roles: TOP, summary: 'Record that an officer left the desk' },
  RecordEvaluation: { segment: 'evaluations', roles: HEADS, summary: 'Record a periodic evaluation' },
  CorrectEvaluation: { segment: 'evaluation-corrections', roles: HEADS, summary: 'Correct a periodic evaluation' },
  RecordDiscipline: { segment: 'disciplines', roles: TOP, summary: 'Record a discipline decision' },
};

const incidentCommands: Record<IncidentCommand['type'], CommandSpec> = {
  ReportIncident: { segment: 'report', roles: ['unit-head', 'director', 'inspector', 'system'], creates: true, startsStream: true, summary: 'Report a conduct incident' },
  AcknowledgeIncident: { segment: 'acknowledgement', roles: HEADS, summary: 'Acknowledge an incident and set its severity' },
  StartInvestigation: { segment: 'investigation', roles: HEADS, summary: 'Start the investigation' },
  ConcludeIncident: { segment: 'conclusion', roles: HEADS, summary: 'Conclude the investigation' },
  ApologiseToCitizen: { segment: 'apology', roles: HEADS, summary: 'Record an apology to the citizen' },
  ProposeDiscipline: { segment: 'discipline-proposal', roles: HEADS, summary: 'Propose a discipline form' },
  DeclareDisciplineCaseComplex: { segment: 'discipline-complex-case', roles: TOP, summary: 'Declare the pending discipline case complex: the decision may take the longer limit (150 days), if declared before the ordinary 90 days run out' },
  DecideDiscipline: { segment: 'discipline-decision', roles: TOP, summary: 'Decide on the proposed discipline' },
  AnswerApplicant: { segment: 'answer', roles: HEADS, summary: 'Answer the applicant who reported the incident' },
  CloseIncident: { segment: 'closure', roles: HEADS, summary: 'Close the incident' },
};

const feedbackCommands: Record<FeedbackCommand['type'], CommandSpec> = {
  ReceiveFeedback: { segment: 'receipt', roles: ['receptionist', 'unit-head', 'director', 'system', 'citizen'], creates: true, startsStream: true, summary: 'Receive feedback through any channel' },
  AnswerOnTheSpot: { segment: 'on-the-spot-answer', roles: ['receptionist', 'unit-head', 'director', 'system'], summary: 'Answer feedback on the spot' },
  RecordAndForward: { segment: 'forwarding', roles: ['receptionist', 'unit-head', 'director', 'system'], summary: 'Record feedback and forward it to the competent body' },
  EscalateToIncident: { segment: 'escalation', roles: HEADS, summary: 'Escalate feedback to a conduct incident' },
  AnswerFeedback: { segment: 'answer', roles: HEADS, summary: 'Answer feedback' },
  CloseFeedback: { segment: 'closure', roles: HEADS, summary: 'Close feedback' },
};

const unitCommands: Record<UnitCommand['type'], CommandSpec> = {
  EstablishUnit: { segment: 'establishment', roles: TOP, creates: true, startsStream: true, summary: 'Establish an organisational unit' },
  RenameUnit: { segment: 'renaming', roles: TOP, summary: 'Rename a unit' },
  ReattachUnit: { segment: 'reattachment', roles: TOP, summary: 'Attach a unit to another parent or province' },
  DissolveUnit: { segment: 'dissolution', roles: TOP, summary: 'Dissolve a unit into its successor' },
};

/** One entry per stream of the desk; every command of its codec has a route. */
export const STREAM_ROUTES: readonly StreamRoutes[] = [
  { key: 'dossiers', collection: 'dossiers', idParam: 'code', idField: 'dossierCode', title: dossierStream.title, commandCodec: withMembers(dossierStream.commandCodec), commands: dossierCommands, readRoles: [...STAFF, 'inspector', 'citizen'], exists: (state) => !PRE_RECEIPT_STATUSES.includes((state as DossierState).status) },
  { key: 'officers', collection: 'officers', idParam: 'officerId', idField: 'officerId', title: officerStream.title, commandCodec: withMembers(officerStream.commandCodec), commands: officerCommands, readRoles: [...STAFF, 'inspector'] },
  { key: 'incidents', collection: 'incidents', idParam: 'incidentId', idField: 'incidentId', title: incidentStream.title, commandCodec: withMembers(incidentStream.commandCodec), commands: incidentCommands, readRoles: ['unit-head', 'director', 'inspector', 'system'] },
  { key: 'feedback', collection: 'feedback', idParam: 'feedbackId', idField: 'feedbackId', title: feedbackStream.title, commandCodec: withMembers(feedbackStream.commandCodec), commands: feedbackCommands, readRoles: [...STAFF, 'inspector', 'citizen'] },
  { key: 'units', collection: 'units', idParam: 'code', idField: 'code', title: unitStream.title, commandCodec: withMembers(unitStream.commandCodec), commands: unitCommands, readRoles: [...STAFF, 'inspector', 'citizen'] },
];

/** One HTTP route of a command. */
export interface CommandRoute {
  readonly stream: StreamRoutes;
  readonly commandType: string;
  readonly method: 'POST';
  /** OpenAPI form, `/dossiers/{code}/transfer`. */
  readonly path: string;
  /** Fastify form, `/dossiers/:code/transfer`. */
  readonly fastifyPath: string;
  /** The id comes from the path (else from the body). */
  readonly idInPath: boolean;
  /** The stream may not exist yet. */
  readonly mayStartStream: boolean;
  readonly roles: Roles;
  readonly summary: string;
  /** The command's `data` codec: the request body (less the id field when it is in the path). */
  readonly dataCodec: t.Mixed;
}

const dataCodecOf = (member: t.Mixed): t.Mixed => {
  const props = (member as unknown as { props?: Record<string, t.Mixed> }).props;
  const data = props?.['data'];
  if (data === undefined) throw new Error(`command codec ${member.name} has no data property`);
  return data;
};

/** Every command route, in codec order, derived from the stream codecs and the specs above. */
export const commandRoutes = (): readonly CommandRoute[] =>
  STREAM_ROUTES.flatMap((stream) =>
    stream.commandCodec.tags.flatMap((commandType) => {
      const spec = stream.commands[commandType];
      const member = stream.commandCodec.members.get(commandType);
      if (spec === undefined || member === undefined) throw new Error(`no HTTP route for ${commandType}`);
      const base = { stream, commandType, method: 'POST' as const, roles: spec.roles, summary: spec.summary, dataCodec: dataCodecOf(member) };
      const entity: CommandRoute = {
        ...base,
        path: `/${stream.collection}/{${stream.idParam}}/${spec.segment}`,
        fastifyPath: `/${stream.collection}/:${stream.idParam}/${spec.segment}`,
        idInPath: true,
        mayStartStream: spec.startsStream === true,
      };
      if (spec.creates !== true) return [entity];
      const collection: CommandRoute = {
        ...base,
        path: `/${stream.collection}`,
        fastifyPath: `/${stream.collection}`,
        idInPath: false,
        mayStartStream: true,
      };
      return [collection, entity];
    }),
  );
