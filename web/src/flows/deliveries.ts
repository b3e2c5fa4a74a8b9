// A registration's cross-agency notifications as the case page and the review page show them:
// the consent recorded and each agency's delivery with its ledger (GET
// /registrations/{id}/notifications, audited as a read of the subject), and the agencies'
// names. Read each time the case is opened.

import * as api from '../api';
import { failureOf } from '../messages';
import type { Msg } from '../messages';
import type { Shell } from '../shell';

export class DeliveriesOf {
  id: number | null = null;
  data: api.RegistrationNotifications | null = null;  // null: not read yet
  agencies: api.Agency[] = [];
  failure: Msg | null = null;

  constructor(private readonly shell: Shell) {}

  async load(id: number): Promise<void> {
    this.id = id;
    this.data = null;
    this.failure = null;
    try {
      const [d, agencies] = await Promise.all([
        api.registrationNotifications(this.shell.token, id), api.listAgencies(this.shell.token)]);
      if (this.id !== id) return;
      this.data = d;
      this.agencies = agencies;
    } catch (err) {
      if (this.shell.sessionLost(err) || this.id !== id) return;
      this.failure = failureOf(err);
    }
    this.shell.show(null);
  }
}
