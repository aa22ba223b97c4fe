-- Fails if two cases differ only by the case of their reference: merge or rename them first (docs/operations.md).
CREATE UNIQUE INDEX "cases_ref_folded_key" ON "cases" USING btree (lower("ref"));