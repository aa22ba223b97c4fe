// The machine's time zone must never matter: run every test far from London.
process.env.TZ = 'Pacific/Auckland';
process.env.QUORUM_LOG_LEVEL ??= 'silent';
