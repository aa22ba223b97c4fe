// The standards Quorum's rules come from, by the title a professional would use. A profile cites a
// document by its key (the seed file name, which stays in the profile so a reviewer can open the
// source); users only ever see the title, so a file name like 004_e5b64df1e4511e66.txt never reaches
// a chat message, an email or the CLI. Titles are taken from each document's own header.

export type SourceDocument = {
  /** As read in a citation: "Swindon Multi-Agency Standards for Safeguarding Children". */
  title: string;
  /** The source file under shared/seeds/, or null for national guidance (not shipped as a file). */
  file: string | null;
};

export const DOCUMENTS = {
  '000_d0e3d80fcd2742d0.txt': { title: 'Devon Child Protection Service Practice Standards', file: '000_d0e3d80fcd2742d0.txt' },
  '001_eaf48ac750cd7e5d.txt': { title: 'Devon Child Protection Conference Professional Guidance', file: '001_eaf48ac750cd7e5d.txt' },
  '002_59e4df75f22f4168.txt': { title: 'Gloucestershire Core Standards for Child Protection Conferences', file: '002_59e4df75f22f4168.txt' },
  '003_d3caa62d61074594.txt': { title: 'Dudley Inter-Agency Child Protection Practice Standards', file: '003_d3caa62d61074594.txt' },
  '004_e5b64df1e4511e66.txt': { title: 'Swindon Multi-Agency Standards for Safeguarding Children', file: '004_e5b64df1e4511e66.txt' },
  working_together_2023: { title: 'Working Together to Safeguard Children 2023', file: null },
} as const satisfies Record<string, SourceDocument>;

export type DocumentKey = keyof typeof DOCUMENTS;
export const DOCUMENT_KEYS = Object.keys(DOCUMENTS) as [DocumentKey, ...DocumentKey[]];

export function documentOf(key: string): SourceDocument | undefined {
  return Object.hasOwn(DOCUMENTS, key) ? DOCUMENTS[key as DocumentKey] : undefined;
}
