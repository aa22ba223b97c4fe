// The SSD import's options and help text: read by `quorum import --help`, so nothing heavy here.
export interface SsdCliOptions {
  partnership?: string;
  profile?: string;
  refPrefix?: string;
  closeMissing?: boolean;
}

export const SSD_HELP = `
With --format ssd, <path> is a directory holding one CSV per Standard Safeguarding Dataset table
(ssd_person.csv, ssd_s47_enquiry.csv, ssd_initial_cp_conference.csv, ssd_cp_plans.csv,
ssd_cp_reviews.csv, ssd_cp_visits.csv; ssd_involvements.csv and ssd_professionals.csv for the lead
social worker), with SSD's column names. Only the columns Quorum uses are read (docs/security.md).
Run it nightly: an unchanged case is left as it is, a changed one updated, one gone from the
extract reported (and closed with --close-missing).
A large extract (50,000 children) keeps about 110 MB live; to keep the process near that on a small
host, run it with NODE_OPTIONS=--max-old-space-size=160.
Exit codes: 0 every case imported; 2 a case, table or column was rejected (named on standard error
with file, line and column; the other cases are imported), or a bad option (nothing written).`;
