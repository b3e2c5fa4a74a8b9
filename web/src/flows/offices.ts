// 戶政事務所 (#/offices): the offices the system knows (configuration, read only), the admin's
// own marked.

import * as api from '../api';
import type { Office } from '../api';
import { failureOf } from '../messages';
import type { Msg } from '../messages';
import type { Shell } from '../shell';

export class OfficesFlow {
  offices: Office[] | null = null;
  failure: Msg | null = null;

  constructor(private readonly shell: Shell) {}

  async enter(): Promise<void> {
    if (!this.shell.session) return;
    try {
      this.offices = await api.listOffices(this.shell.token);
      this.failure = null;
    } catch (err) {
      if (this.shell.sessionLost(err)) return;
      this.failure = failureOf(err);
    }
    this.shell.show(null);
  }
}
