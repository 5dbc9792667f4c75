import { error, type RequestEvent } from '@sveltejs/kit';
import { parseForm } from '$lib/schemas/form';
import {
  acceptPlacementSchema,
  cancelPlacementSchema,
  closePlacementSchema,
  confirmPlacementSchema,
} from '$lib/schemas/placement';
import { formFailure } from '../forms.ts';
import { movePlacement, type PlacementMove } from './move-placement.ts';

type Schema =
  | typeof confirmPlacementSchema
  | typeof acceptPlacementSchema
  | typeof closePlacementSchema
  | typeof cancelPlacementSchema;

/** A form action of a placement's page: parse, make the move, answer with the done move or the error. */
function action(move: PlacementMove['move'], schema?: Schema) {
  return async ({ request, locals, params }: RequestEvent) => {
    const id = params.id;
    if (!id) error(404, 'Практика не найдена');
    const form = await request.formData();
    let input: Record<string, unknown> = {};
    if (schema) {
      const parsed = parseForm(schema, form);
      if (!parsed.ok) return formFailure(400, parsed.errors, form);
      input = parsed.data;
    }
    const result = await movePlacement(locals.supabase, id, { move, ...input } as PlacementMove);
    if (!result.ok) return formFailure(result.status, { [result.field]: result.message }, form);
    return { done: move };
  };
}

export const placementActions = {
  confirm: action('confirm', confirmPlacementSchema),
  accept: action('accept', acceptPlacementSchema),
  close: action('close', closePlacementSchema),
  cancel: action('cancel', cancelPlacementSchema),
  resendLink: action('resend_link'),
  revokeLink: action('revoke_link'),
};
