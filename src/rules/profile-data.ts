// The shipped partnership profiles, imported as data: the rules engine reads no file, at import or
// at call time, so it runs the same in the bot, the CLI, a test or a bundle. A new partnership is its
// JSON file plus one line here (a test checks the two lists agree).
import devon from './profiles/devon.json' with { type: 'json' };
import dudley from './profiles/dudley.json' with { type: 'json' };
import gloucestershire from './profiles/gloucestershire.json' with { type: 'json' };
import national from './profiles/national.json' with { type: 'json' };
import swindon from './profiles/swindon.json' with { type: 'json' };

// Typed unknown on purpose: the profile schema, not the JSON's inferred type, says what is valid.
export const PROFILE_JSON: Readonly<Record<string, unknown>> = { devon, dudley, gloucestershire, national, swindon };

/** Where a profile lives in the repository, as problems name it. */
export function profileFile(name: string): string {
  return `src/rules/profiles/${name}.json`;
}
