import { enhance } from '$app/forms';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * Progressive enhancement with a pending flag: forms work as plain POSTs without JavaScript; with
 * it, they submit in place and show progress. Password fields are cleared after a failure.
 */
export class PendingForm {
  pending = $state(false);

  submit: SubmitFunction = () => {
    this.pending = true;
    return async ({ update }) => {
      await update({ reset: false });
      this.pending = false;
    };
  };

  enhance = (form: HTMLFormElement) => enhance(form, this.submit);
}
