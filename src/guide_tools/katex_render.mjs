// Render TeX to HTML with KaTeX (installed from the npm registry by `npm ci`), for the build.
// Reads a JSON array of {tex, display} on stdin; writes a JSON array of HTML strings to stdout.
// On a TeX error it prints {"index": i, "error": "..."} to stdout and exits 1, so the caller can
// name the page and line. Called by guide_tools.math, one process per page.
import katex from "katex";

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const items = JSON.parse(input);
const out = [];
for (const [index, { tex, display }] of items.entries()) {
  try {
    out.push(
      katex.renderToString(tex, {
        displayMode: display,
        throwOnError: true,
        strict: "error",
        output: "htmlAndMathml", // MathML for screen readers, HTML for the eye
      }),
    );
  } catch (err) {
    process.stdout.write(JSON.stringify({ index, error: String(err.message || err) }));
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(out));
