// The slice of the Adaptive Card 1.5 schema Quorum sends: plain JSON objects, so the builders
// stay pure and the tests can validate exactly what goes over the wire.
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** The verb of a form's submit button: its data carries the form id and the round-tripped state. */
export const FORM_SUBMIT_VERB = 'form_submit';

export type CardElement = Record<string, unknown> & { type: string };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  /** Shown by clients that cannot render the card, and read by screen readers. */
  fallbackText?: string;
  [key: string]: unknown;
}

export function makeCard(body: CardElement[], fallbackText?: string): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: CARD_VERSION, body, ...(fallbackText ? { fallbackText } : {}) };
}

export function cardAttachment(card: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: CARD_CONTENT_TYPE, content: card };
}
