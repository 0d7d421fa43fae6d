// pdfjs-langs.mjs PDFJS_DIR FILE.pdf: the passages of another language that
// pdf.js finds in the structure tree (getStructTree, as a screen reader on
// pdf.js gets them), one line each: LANG, a tab, the element's text (its
// marked content's text from getTextContent, blanks collapsed), in the tree's
// order, page by page. A passage is an element whose /Lang differs from the
// element it is in, joined with the siblings right after it in the same
// language (a passage broken over two lines is two elements, one a line);
// the first line is the document's: "document", a tab and
// the catalog's /Lang as pdf.js reports it.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [dir, file] = process.argv.slice(2);
if (!dir || !file) {
  process.stderr.write("usage: pdfjs-langs.mjs PDFJS_DIR FILE.pdf\n");
  process.exit(2);
}
const pdfjs = await import(pathToFileURL(join(dir, "legacy/build/pdf.mjs")).href);
const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false,
                                      useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
const meta = await doc.getMetadata();
let out = "document\t" + (meta.info.Language || "") + "\n";
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const tree = await page.getStructTree();
  const content = await page.getTextContent({ includeMarkedContent: true });
  // Each marked-content id's text: the strings drawn while it is open.
  const text = {};
  const open = [];
  for (const item of content.items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") open.push(item.id);
    else if (item.type === "endMarkedContent") open.pop();
    else if ("str" in item)
      for (const id of open)
        if (id) text[id] = (text[id] || "") + item.str + (item.hasEOL ? " " : ""); // a line end is a blank
  }
  const words = (node) => {
    if (node.type === "content") return text[node.id] || "";
    return (node.children || []).map(words).join("");
  };
  const walk = (node, lang) => {
    let run = null; // [lang, text] of the passage being joined
    const flush = () => {
      if (run) out += run[0] + "\t" + run[1].replace(/\s+/g, " ").trim() + "\n";
      run = null;
    };
    for (const c of node.children || []) {
      if (!c.role) continue;
      if (c.lang && c.lang !== lang) {
        if (run && run[0] === c.lang) run[1] += words(c);
        else {
          flush();
          run = [c.lang, words(c)];
        }
        continue;
      }
      flush();
      walk(c, c.lang || lang);
    }
    flush();
  };
  if (tree) walk(tree, meta.info.Language || "");
  page.cleanup();
}
await doc.destroy();
process.stdout.write(out);
