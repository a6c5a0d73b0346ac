// Saves a batch of imported rows: rows of the same person within the batch are folded together, people the
// workspace already has are merged (missing fields filled, never overwritten), the rest inserted at once.
import type { Tx } from "../db/tenant";
import * as repo from "../repos/leads.repo";
import type { IdentityKeys, NewLead } from "../repos/leads.repo";
import { isUniqueViolation, mergeInto } from "../services/leads.service";
import { companyKey, fillMissing, identityKeys, isSamePerson } from "../services/lead-identity";

type Row = NewLead & IdentityKeys;

const keysOf = (r: Row) => identityKeys({ ...r, companyKey: companyKey(r.companyName) });

function fold(rows: Row[]): { row: Row; indexes: number[] }[] {
  const groups: { row: Row; indexes: number[] }[] = [];
  const byKey = new Map<string, number>();
  rows.forEach((row, i) => {
    const keys = keysOf(row);
    const at = keys.map((k) => byKey.get(k)).find((g) => g !== undefined);
    if (at === undefined) {
      groups.push({ row: { ...row }, indexes: [i] });
      for (const k of keys) byKey.set(k, groups.length - 1);
      return;
    }
    const group = groups[at]!;
    Object.assign(group.row, fillMissing<Row>(group.row, row, Object.keys(row) as (keyof Row)[]));
    group.indexes.push(i);
    for (const k of keys) byKey.set(k, at);
  });
  return groups;
}

export async function saveImportedLeads(tx: Tx, workspaceId: string, rows: Row[]) {
  const groups = fold(rows);
  const identities = groups.map((g) => ({ ...g.row, companyKey: companyKey(g.row.companyName) }));
  const existing = await repo.findByAnyIdentity(tx, workspaceId, identities);
  const matchOf = (i: number) => existing.find((e) => isSamePerson(identities[i]!, e))?.id;

  const leadIdOfRow = new Array<string | undefined>(rows.length);
  const toMerge: { id: string; row: Row; indexes: number[] }[] = [];
  const toInsert: { row: Row; indexes: number[] }[] = [];
  for (const [i, g] of groups.entries()) {
    const id = matchOf(i);
    if (id) toMerge.push({ id, ...g });
    else toInsert.push(g);
  }
  let merged = rows.length - groups.length; // rows folded into another row of this batch
  const records = await repo.findLeadsByIds(tx, workspaceId, [...new Set(toMerge.map((m) => m.id))]);
  for (const m of toMerge) {
    const record = records.find((r) => r.id === m.id)!;
    const patch = mergeInto({ ...record, nameKey: null }, m.row);
    if (Object.keys(patch).length > 0) {
      await tx
        .transaction((sp) => repo.updateLead(sp, workspaceId, m.id, patch))
        .catch((err: unknown) => {
          if (!isUniqueViolation(err)) throw err;
        });
    }
    merged += 1;
    for (const i of m.indexes) leadIdOfRow[i] = m.id;
  }
  const ids = toInsert.map(() => crypto.randomUUID());
  const inserted = new Set(
    (
      await repo.insertLeads(
        tx,
        toInsert.map((g, i) => ({ ...g.row, id: ids[i] })),
      )
    ).map((r) => r.id),
  );
  let imported = 0;
  for (const [i, g] of toInsert.entries()) {
    let id: string | undefined = ids[i];
    if (inserted.has(id!)) imported += 1;
    else {
      // Someone saved the same person in the meantime: it is a merge after all.
      id = (await repo.findByIdentity(tx, workspaceId, { ...g.row, companyKey: companyKey(g.row.companyName) }))[0]?.id;
      merged += 1;
    }
    for (const idx of g.indexes) leadIdOfRow[idx] = id;
  }
  return { imported, merged, leadIds: [...new Set(leadIdOfRow.filter((id): id is string => !!id))] };
}
