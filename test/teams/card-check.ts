import { expect } from 'vitest';
import { cardProblems } from './card-validation.js';

/** Asserts a card exists and the Adaptive Cards SDK finds nothing wrong with it. */
export function cardCheck(card: unknown): void {
  expect(card, 'expected an Adaptive Card attachment').toBeTruthy();
  expect(cardProblems(card)).toEqual([]);
}
