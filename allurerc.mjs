// Allure 3 configuration of the project, read by `harness report` and by `npx allure generate` alike.
//
// The Allure CLI has no flag for the history file or for the single-file mode of the report, so
// `harness report` passes them through environment variables, read here:
//   HARNESS_ALLURE_HISTORY      history file (JSON lines, one line per run); empty string: no history
//   HARNESS_ALLURE_SINGLE_FILE  "1": the report is one self-contained index.html
//   HARNESS_ALLURE_ENVIRONMENTS JSON {id: {name, variables, label: [name, value]}}: one Allure
//                               environment per device of the run (its tests are those with that
//                               label), with the device's facts as the environment's variables
// Report name, output folder and history limit come from the CLI flags `harness report` passes.
import { readFileSync } from "node:fs";

const env = process.env;

// One list of defect categories for the whole project: the pytest plugin also writes it to
// allure-results/categories.json for Allure 2 and the classic report.
const categories = JSON.parse(
  readFileSync(new URL("./harness/report/categories.json", import.meta.url), "utf8"),
);

const historyPath =
  env.HARNESS_ALLURE_HISTORY === undefined
    ? "./.allure-history/history.jsonl"
    : env.HARNESS_ALLURE_HISTORY || undefined;

// Allure 3 environments: the report can be read per device (a selector in its header, the device's
// facts as its variables, and a test's page lists the same scenario on the other devices).
const environments = Object.fromEntries(
  Object.entries(JSON.parse(env.HARNESS_ALLURE_ENVIRONMENTS || "{}")).map(([id, described]) => [
    id,
    {
      name: described.name,
      variables: described.variables,
      matcher: ({ labels }) =>
        labels.some((label) => label.name === described.label[0] && label.value === described.label[1]),
    },
  ]),
);

export default {
  name: "Mobile UI scenarios",
  ...(Object.keys(environments).length ? { environments } : {}),
  output: "./allure-report",
  historyPath,
  historyLimit: 20,
  categories: { rules: categories },
  plugins: {
    awesome: {
      options: {
        singleFile: env.HARNESS_ALLURE_SINGLE_FILE === "1",
        reportLanguage: "en",
        // the tree: scenario folder, then device profile (the pytest plugin sets these labels), so
        // the Android and iOS runs of a scenario sit side by side under their device
        groupBy: ["parentSuite", "suite"],
      },
    },
  },
};
