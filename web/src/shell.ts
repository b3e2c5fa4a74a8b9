// What the flows and screens need from the application, and no more: the session, a re-render
// that moves focus, the live region, and the few moves from one screen to another. App
// implements it; a unit test hands a flow a small fake. Flows and screens import only this
// type, never app.ts, so no module imports the application back.

import type { Role, Session } from './api';
import type { MessageKey } from './i18n';
import type { ChosenPurpose } from './purpose';

// One entry of the header's navigation (see routes.ts).
export interface NavItem {
  route: string;
  label: MessageKey;
  current: boolean;
}

export interface Shell {
  readonly session: Session | null;
  readonly token: string;
  readonly role: Role | undefined;

  // Re-renders and moves focus to the element with this id (null: focus stays where it is).
  show(focusId: string | null): void;
  // Says this in the live region (screen readers).
  announce(text: string): void;
  // A 401 from any request: back to sign-in with a message. True when it was one.
  sessionLost(err: unknown): boolean;
  // Goes to another address (a new history entry, so Back returns) and focuses `focusId` there.
  navigate(hash: string, focusId?: string): void;
  // A sign-in succeeded: keep the session and go where the user was heading.
  signedIn(session: Session): void;

  // Opens the lookup page and looks this person up with the purpose given.
  lookupFrom(idNumber: string, purpose: ChosenPurpose): Promise<void>;
  // Opens #/household/<no>; with a purpose, it is read at once with it.
  openHousehold(no: string, purpose: ChosenPurpose | null): void;

  // The page frame: the role's navigation, the language switch, signing out.
  navItems(): readonly NavItem[];
  // The purpose the shown person or household was read with, for the printed page's header.
  printPurpose?(): ChosenPurpose | null;
  switchLanguage(): void;
  logout(): Promise<void>;
}
