// pdfjs-text.mjs PDFJS_DIR FILE.pdf...: the text pdf.js extracts from each
// page, as a viewer's search and copy see it (getTextContent), one line per
// item that ends a line, a form feed after every page. PDFJS_DIR is the
// pdfjs-dist package folder (tool/deps.sh installs it into the build tree).
// Several files: each file's text goes to FILE.pdf.pdfjs.txt beside it, so a
// test pays for node's start once.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [dir, ...files] = process.argv.slice(2);
if (!dir || files.length === 0) {
  process.stderr.write("usage: pdfjs-text.mjs PDFJS_DIR FILE.pdf...\n");
  process.exit(2);
}
const pdfjs = await import(pathToFileURL(join(dir, "legacy/build/pdf.mjs")).href);

async function text(file) {
  const data = new Uint8Array(readFileSync(file));
  // No fonts from outside the file, no eval: what any viewer gets from the
  // file alone. verbosity 0: pdf.js prints its warnings on stdout otherwise.
  const doc = await pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: false,
                                        disableFontFace: true, verbosity: 0 }).promise;
  let out = "";
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!("str" in item)) continue; // marked-content markers
      out += item.str;
      if (item.hasEOL) out += "\n";
    }
    out += "\n\f";
    page.cleanup();
  }
  await doc.destroy();
  return out;
}

let status = 0;
for (const file of files) {
  try {
    const t = await text(file);
    if (files.length === 1) process.stdout.write(t);
    else writeFileSync(file + ".pdfjs.txt", t);
  } catch (e) {
    process.stderr.write(`pdfjs-text.mjs: ${file}: ${e.message}\n`);
    status = 1;
  }
}
process.exit(status);
