// The core's home View → an App Home tab (100 blocks allowed, not a message's 50).
import type { HomeView } from '@slack/types';
import type { View } from '../../core/types.js';
import { renderBlocks } from './blocks.js';
import { LIMITS } from './text.js';

export function renderHomeView(view: View): HomeView {
  return { type: 'home', blocks: renderBlocks(view, { maxBlocks: LIMITS.surfaceBlocks }) };
}
