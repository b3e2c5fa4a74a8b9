// The REST contract with huji (/api/v1), in one place. Every call either resolves with the
// documented body or rejects with an ApiError. Errors from the server always carry
// {"error":{"code","message_zh","message_en"}}; this module adds no interface text of its own.

export type Role = 'clerk' | 'supervisor' | 'auditor' | 'admin';
export type Sex = 'M' | 'F';

export interface User {
  username: string;
  display_name: string;
  role: Role;
  office_code: string;
  office_name: string;
}

export interface Session {
  token: string;
  expires_at: string;
  user: User;
}

export interface IdNumberCheck {
  valid: boolean;
  kind: 'citizen' | 'resident' | null;
  sex: Sex | null;
  reason: ErrorBody | null;
}

export interface PersonRef {
  id_number: string;
  name: string;
}

export interface Person {
  id_number: string;
  name: string;
  sex: Sex;
  birth_date: string;      // ISO 8601, 1990-03-02
  birth_date_roc: string;  // 民國79年03月02日
  birth_place: string;
  status: 'active' | 'removed';
  removal_reason: string;  // '' when active; death, emigration, loss_of_nationality …
  indigenous: string;      // '' when not indigenous, else the tribe
  relation: string;        // 稱謂 to the head of household
  birth_order: number;
  father: PersonRef | null;
  mother: PersonRef | null;
  spouse: PersonRef | null;
}

export interface HouseholdMember {
  id_number: string;
  name: string;
  relation: string;
  sex: Sex;
  birth_date: string;
  birth_date_roc: string;
  status: 'active' | 'removed';
}

export interface Household {
  household_no: string;
  address: string;
  members: HouseholdMember[];
}

export interface RegisterEvent {
  seq: number;
  type: string;
  event_date: string;
  registered_on: string;
  text_zh: string;
  text_en: string;
}

export interface PersonRecord {
  person: Person;
  household: Household | null;
  events: RegisterEvent[];
}

export interface ErrorBody {
  code: string;
  message_zh: string;
  message_en: string;
}

// status 0: the request never got an answer (network down, server stopped).
// body null: the server answered with something other than the error envelope.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body ? `${status} ${body.code}` : `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.body?.code ?? (this.status === 0 ? 'network' : 'http');
  }
}

const kBase = '/api/v1';

function isErrorBody(v: unknown): v is ErrorBody {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.code === 'string' && typeof e.message_zh === 'string' &&
    typeof e.message_en === 'string';
}

async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  const init: RequestInit = { method, headers, cache: 'no-store' };
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(kBase + path, init);
  } catch {
    throw new ApiError(0, null);
  }
  if (res.status === 204) return undefined as T;
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // Not JSON (a proxy's error page, an empty body): handled below.
  }
  if (!res.ok) {
    const err = (json as { error?: unknown } | null)?.error;
    throw new ApiError(res.status, isErrorBody(err) ? err : null);
  }
  if (json === null) throw new ApiError(res.status, null);
  return json as T;
}

export function login(username: string, password: string): Promise<Session> {
  return call<Session>('POST', '/auth/login', { body: { username, password } });
}

export function logout(token: string): Promise<void> {
  return call<void>('POST', '/auth/logout', { token });
}

export async function me(token: string): Promise<User> {
  return (await call<{ user: User }>('GET', '/auth/me', { token })).user;
}

// Public: the server's own verdict on an ID number.
export function verifyIdNumber(value: string): Promise<IdNumberCheck> {
  return call<IdNumberCheck>('GET', `/id-numbers/${encodeURIComponent(value)}`);
}

// Every lookup is logged by the server with its purpose (個資法); purpose is required.
export function lookupPerson(token: string, idNumber: string, purpose: string): Promise<PersonRecord> {
  const q = new URLSearchParams({ purpose });
  return call<PersonRecord>('GET', `/persons/${encodeURIComponent(idNumber)}?${q}`, { token });
}
