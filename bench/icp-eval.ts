// ICP parser evaluation: field-level precision/recall over the labelled set. `bun run eval:icp [--misses]`
import { readFileSync } from "node:fs";
import { parseIcpRules } from "../workers/lead-engine/icp-parser.service";
import { evaluate, parseEvalSet } from "../workers/lead-engine/icp-evaluation";

const cases = parseEvalSet(readFileSync(new URL("./fixtures/icp-eval.jsonl", import.meta.url), "utf8"));
const started = performance.now();
const { scores, misses } = evaluate(cases, (text) => parseIcpRules(text));
const elapsed = performance.now() - started;

console.log(
  `ICP evaluation: ${cases.length} labelled descriptions, rules parser, ${(elapsed / cases.length).toFixed(2)} ms per description`,
);
console.log("field               precision  recall   tp  fp  fn");
for (const s of scores) {
  console.log(
    `${s.field.padEnd(20)}${s.precision.toFixed(3).padStart(9)}${s.recall.toFixed(3).padStart(8)}${String(s.truePositives).padStart(5)}${String(s.falsePositives).padStart(4)}${String(s.falseNegatives).padStart(4)}`,
  );
}
const worst = Math.min(...scores.flatMap((s) => [s.precision, s.recall]));
console.log(`lowest precision/recall: ${worst.toFixed(3)} (target ≥ 0.9)`);
if (process.argv.includes("--misses"))
  for (const m of misses)
    console.log(`- [${m.field}] missing ${JSON.stringify(m.missing)} extra ${JSON.stringify(m.extra)} :: ${m.text}`);
