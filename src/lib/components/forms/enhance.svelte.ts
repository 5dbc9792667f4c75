import { enhance } from '$app/forms';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * Progressive enhancement with a pending flag: forms work as plain POSTs without JavaScript; with
 * it, they submit in place and show progress. After a success the form returns to its defaults
 * (fields render their saved values as defaultValue, so this shows what was stored and clears
 * passwords); after a failure what the person typed stays, next to the messages.
 */
export class PendingForm {
  pending = $state(false);

  submit: SubmitFunction = () => {
    this.pending = true;
    return async ({ result, update }) => {
      await update({ reset: result.type === 'success' });
      this.pending = false;
    };
  };

  enhance = (form: HTMLFormElement) => enhance(form, this.submit);
}
