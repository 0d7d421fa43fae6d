// lp_ua: the Matterhorn Protocol 1.02 failure conditions of PDF/UA-1 that a
// program can decide, checked on PDF files with libqpdf.
//
//   lp_ua FILE.pdf...            every problem as "FILE: [checkpoint] message",
//                                or "FILE: ok (counts)"; exits 1 on a problem
//   lp_ua --break KIND IN OUT    writes IN broken on purpose, to show the
//                                checker catches it: KIND is untagged (a text
//                                run outside any marked content), no-alt (the
//                                first Figure without /Alt), heading-skip
//                                (the first H2 made an H3, after the H1) or
//                                span-lang (the first Span's /Lang de_DE)
//
// Checkpoints (docs/accessibility.md lists them and what needs a person):
//   01 real content tagged, artifacts apart   02 role mapping
//   06 metadata (XMP)                         07 dictionary (DisplayDocTitle)
//   09 appropriate tags (lists, tables)       10 character mappings
//   11 natural language                       13 graphics (alternate text)
//   14 headings                               26 security
//   28 annotations (links, tab order)         31 fonts (embedded)
// and the structure tree's own consistency (parent tree, MCIDs).
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFNumberTreeObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

// The standard structure types of ISO 32000-1 14.8.4.
const std::set<std::string> standard_types = {
    "Document", "Part",    "Art",       "Sect",     "Div",   "BlockQuote", "Caption",    "TOC",     "TOCI",
    "Index",    "NonStruct", "Private", "P",        "H",     "H1",         "H2",         "H3",      "H4",
    "H5",       "H6",      "L",         "LI",       "Lbl",   "LBody",      "Table",      "TR",      "TH",
    "TD",       "THead",   "TBody",     "TFoot",    "Span",  "Quote",      "Note",       "Reference", "BibEntry",
    "Code",     "Link",    "Annot",     "Ruby",     "RB",    "RT",         "RP",         "Warichu", "WT",
    "WP",       "Figure",  "Formula",   "Form"};

bool is_lang(const std::string &s) {
  static const std::regex re("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$");
  return std::regex_match(s, re);
}

struct Elem {
  QPDFObjectHandle dict;
  std::string type; // after role mapping
  std::string parent_type;
  int depth;
};

struct PageRef {
  QPDFObjGen page;
  long long mcid;
  bool operator<(const PageRef &o) const { return page < o.page || (page == o.page && mcid < o.mcid); }
};

class Checker {
public:
  explicit Checker(const std::string &file) : file_(file) {}
  int problems() const { return n_problems_; }
  void run();

private:
  std::string file_;
  QPDF pdf_;
  int n_problems_ = 0;
  std::map<std::string, std::string> role_map_;
  std::vector<Elem> elems_;                       // document order
  std::map<PageRef, QPDFObjGen> mcid_owner_;      // from the tree
  std::map<QPDFObjGen, QPDFObjGen> objr_owner_;   // annotation → element
  std::map<QPDFObjGen, std::set<long long>> content_mcids_;
  int tagged_ = 0, artifacts_ = 0, links_ = 0, text_ops_ = 0;

  void fail(const char *checkpoint, const std::string &msg) {
    std::printf("%s: [%s] %s\n", file_.c_str(), checkpoint, msg.c_str());
    n_problems_++;
  }
  std::string mapped(const std::string &type, int *hops = nullptr);
  void document();
  void xmp();
  void structure();
  void walk(QPDFObjectHandle node, QPDFObjectHandle page, const std::string &parent, QPDFObjectHandle parent_dict,
            int depth, std::set<QPDFObjGen> &seen);
  void content(QPDFPageObjectHelper &page, int number);
  void parent_tree(std::vector<QPDFPageObjectHelper> &pages);
  void semantics();
  void annotations(std::vector<QPDFPageObjectHelper> &pages);
};

std::string Checker::mapped(const std::string &type, int *hops) {
  std::string t = type;
  for (int i = 0; i < 16; i++) {
    if (standard_types.count(t))
      return t;
    auto it = role_map_.find(t);
    if (it == role_map_.end())
      return t;
    t = it->second;
    if (hops)
      (*hops)++;
  }
  return t;
}

void Checker::run() {
  try {
    pdf_.processFile(file_.c_str());
  } catch (std::exception &e) {
    fail("document", std::string("not readable: ") + e.what());
    return;
  }
  document();
  xmp();
  structure();
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf_).getAllPages();
  for (size_t i = 0; i < pages.size(); i++)
    content(pages[i], (int)i + 1);
  parent_tree(pages);
  semantics();
  annotations(pages);
  if (n_problems_ == 0) {
    int figures = 0, headings = 0;
    for (auto &e : elems_) {
      figures += e.type == "Figure";
      headings += e.type.size() == 2 && e.type[0] == 'H' && e.type[1] >= '1' && e.type[1] <= '6';
    }
    std::printf("%s: ok (%zu pages, %d text operators, %zu structure elements, %d tagged sequences, %d artifacts, "
                "%d figures, %d headings, %d links)\n",
                file_.c_str(), pages.size(), text_ops_, elems_.size(), tagged_, artifacts_, figures, headings, links_);
  }
}

// ---- document, dictionary, security ----

void Checker::document() {
  QPDFObjectHandle root = pdf_.getRoot();
  QPDFObjectHandle mark = root.getKey("/MarkInfo");
  if (!mark.isDictionary() || !mark.getKey("/Marked").isBool() || !mark.getKey("/Marked").getBoolValue())
    fail("01", "the catalog's /MarkInfo has no /Marked true: not a tagged PDF");
  else if (mark.getKey("/Suspects").isBool() && mark.getKey("/Suspects").getBoolValue())
    fail("01", "/MarkInfo /Suspects is true");
  QPDFObjectHandle vp = root.getKey("/ViewerPreferences");
  QPDFObjectHandle ddt = vp.isDictionary() ? vp.getKey("/DisplayDocTitle") : QPDFObjectHandle::newNull();
  if (!ddt.isBool())
    fail("07", "no /ViewerPreferences /DisplayDocTitle");
  else if (!ddt.getBoolValue())
    fail("07", "/ViewerPreferences /DisplayDocTitle is false");
  QPDFObjectHandle lang = root.getKey("/Lang");
  if (!lang.isString() || lang.getUTF8Value().empty())
    fail("11", "the catalog has no /Lang: the document's language cannot be determined");
  else if (!is_lang(lang.getUTF8Value()))
    fail("11", "the catalog's /Lang '" + lang.getUTF8Value() + "' is not a language tag");
  if (pdf_.isEncrypted() && !pdf_.allowAccessibility())
    fail("26", "encrypted without the permission to extract text for accessibility (bit 10 of /P)");
}

// ---- metadata ----

void Checker::xmp() {
  QPDFObjectHandle meta = pdf_.getRoot().getKey("/Metadata");
  if (!meta.isStream()) {
    fail("06", "no XMP metadata stream on the catalog");
    return;
  }
  std::shared_ptr<Buffer> buf = meta.getStreamData(qpdf_dl_generalized);
  std::string x(reinterpret_cast<const char *>(buf->getBuffer()), buf->getSize());
  static const std::regex part("<pdfuaid:part>\\s*1\\s*</pdfuaid:part>|pdfuaid:part\\s*=\\s*[\"']1[\"']");
  if (!std::regex_search(x, part))
    fail("06", "the XMP has no pdfuaid:part 1 (PDF/UA identification)");
  static const std::regex title("<dc:title>[\\s\\S]*?<rdf:li[^>]*>([^<]*)</rdf:li>");
  std::smatch m;
  if (!std::regex_search(x, m, title) || m[1].str().find_first_not_of(" \t\r\n") == std::string::npos)
    fail("06", "the XMP has no dc:title");
}

// ---- the structure tree ----

void Checker::structure() {
  QPDFObjectHandle tree = pdf_.getRoot().getKey("/StructTreeRoot");
  if (!tree.isDictionary()) {
    fail("01", "no structure tree (/StructTreeRoot)");
    return;
  }
  QPDFObjectHandle rm = tree.getKey("/RoleMap");
  if (rm.isDictionary())
    for (auto &k : rm.getKeys())
      if (rm.getKey(k).isName()) {
        std::string from = k.substr(1), to = rm.getKey(k).getName().substr(1);
        if (standard_types.count(from))
          fail("02", "the standard type " + from + " is remapped to " + to);
        role_map_[from] = to;
      }
  std::set<QPDFObjGen> seen;
  walk(tree.getKey("/K"), QPDFObjectHandle::newNull(), "", tree, 0, seen);
  if (elems_.empty())
    fail("01", "the structure tree has no elements");
}

void Checker::walk(QPDFObjectHandle node, QPDFObjectHandle page, const std::string &parent,
                   QPDFObjectHandle parent_dict, int depth, std::set<QPDFObjGen> &seen) {
  if (depth > 200) {
    fail("structure", "the structure tree is deeper than 200 levels");
    return;
  }
  if (node.isArray()) {
    for (auto &kid : node.getArrayAsVector())
      walk(kid, page, parent, parent_dict, depth, seen);
    return;
  }
  if (node.isInteger()) {
    if (!page.isDictionary())
      fail("structure", "an MCID in a " + parent + " element with no /Pg");
    else
      mcid_owner_[{page.getObjGen(), node.getIntValue()}] = parent_dict.getObjGen();
    return;
  }
  if (!node.isDictionary())
    return;
  QPDFObjectHandle type = node.getKey("/Type");
  if (type.isName() && type.getName() == "/MCR") {
    QPDFObjectHandle pg = node.getKey("/Pg").isDictionary() ? node.getKey("/Pg") : page;
    if (!pg.isDictionary() || !node.getKey("/MCID").isInteger())
      fail("structure", "a marked-content reference without page or MCID in a " + parent + " element");
    else
      mcid_owner_[{pg.getObjGen(), node.getKey("/MCID").getIntValue()}] = parent_dict.getObjGen();
    return;
  }
  if (type.isName() && type.getName() == "/OBJR") {
    QPDFObjectHandle obj = node.getKey("/Obj");
    if (obj.isIndirect())
      objr_owner_[obj.getObjGen()] = parent_dict.getObjGen();
    return;
  }
  if (node.isIndirect()) {
    if (seen.count(node.getObjGen())) {
      fail("structure", "a structure element is reached twice (a cycle or a shared element)");
      return;
    }
    seen.insert(node.getObjGen());
  }
  QPDFObjectHandle s = node.getKey("/S");
  if (!s.isName()) {
    fail("structure", "a structure element without /S under a " + parent + " element");
    return;
  }
  std::string raw = s.getName().substr(1);
  int hops = 0;
  std::string t = mapped(raw, &hops);
  if (!standard_types.count(t))
    fail("02", "the structure type " + raw + " is neither standard nor role-mapped to a standard type");
  if (hops > 1 && mapped(raw) == raw)
    fail("02", "the role map of " + raw + " is circular");
  if (!node.getKey("/P").isDictionary() || (parent_dict.isIndirect() && node.getKey("/P").isIndirect() &&
                                            node.getKey("/P").getObjGen() != parent_dict.getObjGen()))
    fail("structure", "the " + raw + " element's /P is not its parent");
  QPDFObjectHandle lang = node.getKey("/Lang");
  if (lang.isString() && !is_lang(lang.getUTF8Value()))
    fail("11", "a " + raw + " element's /Lang '" + lang.getUTF8Value() + "' is not a language tag");
  elems_.push_back({node, t, parent, depth});
  QPDFObjectHandle pg = node.getKey("/Pg").isDictionary() ? node.getKey("/Pg") : page;
  walk(node.getKey("/K"), pg, t, node, depth + 1, seen);
}

// ---- content: everything tagged or an artifact; fonts and their mappings ----

struct Font {
  bool two_byte = false;
  bool type3 = false;
  std::set<unsigned> mapped; // codes with a Unicode value in /ToUnicode
  bool has_tounicode = false;
};

unsigned hex_value(const std::string &h) { return (unsigned)std::stoul(h, nullptr, 16); }

// The codes a ToUnicode CMap maps (bfchar and bfrange) to a usable value.
void read_tounicode(QPDFObjectHandle cmap, Font &f) {
  std::shared_ptr<Buffer> buf = cmap.getStreamData(qpdf_dl_generalized);
  std::string s(reinterpret_cast<const char *>(buf->getBuffer()), buf->getSize());
  static const std::regex section("begin(bfchar|bfrange)([\\s\\S]*?)end\\1");
  static const std::regex hex("<([0-9A-Fa-f]*)>|\\[");
  for (std::sregex_iterator it(s.begin(), s.end(), section), end; it != end; ++it) {
    bool range = (*it)[1] == "bfrange";
    std::string body = (*it)[2];
    std::vector<std::string> toks;
    for (std::sregex_iterator h(body.begin(), body.end(), hex); h != end; ++h)
      toks.push_back((*h)[0] == "[" ? "[" : (*h)[1].str());
    size_t i = 0;
    while (i < toks.size()) {
      if (!range) {
        if (i + 1 >= toks.size())
          break;
        std::string dst = toks[i + 1];
        if (!dst.empty() && dst != "[" && dst != "0000" && dst != "FFFD" && dst != "fffd")
          f.mapped.insert(hex_value(toks[i]));
        i += 2;
      } else {
        if (i + 2 >= toks.size())
          break;
        unsigned lo = hex_value(toks[i]), hi = hex_value(toks[i + 1]);
        for (unsigned c = lo; c <= hi && c - lo < 65536; c++)
          f.mapped.insert(c);
        i += 3;
        if (toks[i - 1] == "[") // an array of destinations: skip to its end (hex tokens only)
          i += hi - lo + 1;
      }
    }
  }
}

class ContentCallbacks : public QPDFObjectHandle::ParserCallbacks {
public:
  struct Mark {
    bool artifact;
    long long mcid;
    bool actual_text; // the sequence's text comes from /ActualText (ISO 32000-1 14.9.4)
  };
  std::vector<QPDFObjectHandle> operands;
  std::vector<Mark> stack;
  std::set<long long> mcids;
  int untagged_text = 0, untagged_other = 0, artifacts = 0, tagged = 0, text_ops = 0;
  std::string first_text, first_other;
  std::vector<std::string> problems;
  QPDFObjectHandle fonts;
  std::map<std::string, Font> font_cache;
  std::string font_name;
  std::set<std::string> unembedded, unmapped_fonts;
  int unmapped = 0;

  Font &font(const std::string &name) {
    auto it = font_cache.find(name);
    if (it != font_cache.end())
      return it->second;
    Font &f = font_cache[name];
    QPDFObjectHandle d = fonts.isDictionary() ? fonts.getKey(name) : QPDFObjectHandle::newNull();
    if (!d.isDictionary())
      return f;
    std::string sub = d.getKey("/Subtype").isName() ? d.getKey("/Subtype").getName() : "";
    f.type3 = sub == "/Type3";
    f.two_byte = sub == "/Type0";
    QPDFObjectHandle desc = d.getKey("/FontDescriptor");
    if (f.two_byte && d.getKey("/DescendantFonts").isArray() && d.getKey("/DescendantFonts").getArrayNItems() > 0)
      desc = d.getKey("/DescendantFonts").getArrayItem(0).getKey("/FontDescriptor");
    if (!f.type3 && (!desc.isDictionary() || (!desc.getKey("/FontFile").isStream() &&
                                             !desc.getKey("/FontFile2").isStream() &&
                                             !desc.getKey("/FontFile3").isStream())))
      unembedded.insert(d.getKey("/BaseFont").isName() ? d.getKey("/BaseFont").getName() : name);
    if (d.getKey("/ToUnicode").isStream()) {
      f.has_tounicode = true;
      read_tounicode(d.getKey("/ToUnicode"), f);
    }
    return f;
  }

  bool in_content() const {
    for (auto &m : stack)
      if (m.artifact || m.mcid >= 0)
        return true;
    return false;
  }

  void paint(const std::string &op, bool text) {
    text_ops += text;
    if (in_content())
      return;
    (text ? untagged_text : untagged_other)++;
    std::string &first = text ? first_text : first_other;
    if (first.empty())
      first = op;
  }

  void show(const std::string &s) {
    if (font_name.empty())
      return;
    Font &f = font(font_name);
    if (f.type3)
      return;
    for (auto &m : stack)
      if (m.actual_text)
        return;
    size_t step = f.two_byte ? 2 : 1;
    for (size_t i = 0; i + step <= s.size(); i += step) {
      unsigned code = step == 2 ? ((unsigned char)s[i] << 8 | (unsigned char)s[i + 1]) : (unsigned char)s[i];
      if (!f.has_tounicode || !f.mapped.count(code)) {
        unmapped++;
        unmapped_fonts.insert(font_name);
      }
    }
  }

  void handleObject(QPDFObjectHandle obj) override {
    if (!obj.isOperator()) {
      operands.push_back(obj);
      return;
    }
    std::string op = obj.getOperatorValue();
    if (op == "BMC" || op == "BDC") {
      bool artifact = !operands.empty() && operands[0].isName() && operands[0].getName() == "/Artifact";
      long long mcid = -1;
      if (op == "BDC" && operands.size() >= 2 && operands[1].isDictionary() &&
          operands[1].getKey("/MCID").isInteger())
        mcid = operands[1].getKey("/MCID").getIntValue();
      if (op == "BDC" && operands.size() >= 2 && operands[1].isDictionary() && operands[1].getKey("/Lang").isString() &&
          !is_lang(operands[1].getKey("/Lang").getUTF8Value()))
        problems.push_back("[11] a marked-content /Lang is not a language tag");
      bool in_artifact = false, in_tagged = false;
      for (auto &m : stack) {
        in_artifact |= m.artifact;
        in_tagged |= m.mcid >= 0;
      }
      std::string tag = operands.empty() || !operands[0].isName() ? "?" : operands[0].getName();
      if (artifact && in_tagged)
        problems.push_back("[01] an artifact inside tagged content");
      if (mcid >= 0 && in_artifact)
        problems.push_back("[01] tagged content (" + tag + " MCID " + std::to_string(mcid) + ") inside an artifact");
      if (mcid >= 0 && in_tagged)
        problems.push_back("[01] tagged content (" + tag + " MCID " + std::to_string(mcid) +
                           ") inside other tagged content");
      if (mcid >= 0) {
        if (mcids.count(mcid))
          problems.push_back("[structure] MCID " + std::to_string(mcid) + " used twice");
        mcids.insert(mcid);
        tagged++;
      }
      artifacts += artifact;
      bool actual = op == "BDC" && operands.size() >= 2 && operands[1].isDictionary() &&
                    operands[1].getKey("/ActualText").isString();
      stack.push_back({artifact, mcid, actual});
    } else if (op == "EMC") {
      if (stack.empty())
        problems.push_back("[structure] EMC without a marked-content sequence to close");
      else
        stack.pop_back();
    } else if (op == "Tf") {
      if (!operands.empty() && operands[0].isName())
        font_name = operands[0].getName();
    } else if (op == "Tj" || op == "'" || op == "\"" || op == "TJ") {
      paint(op, true);
      if (!operands.empty()) {
        QPDFObjectHandle last = operands.back();
        if (last.isString())
          show(last.getStringValue());
        else if (last.isArray())
          for (auto &item : last.getArrayAsVector())
            if (item.isString())
              show(item.getStringValue());
      }
    } else if (op == "S" || op == "s" || op == "f" || op == "F" || op == "f*" || op == "B" || op == "B*" ||
               op == "b" || op == "b*" || op == "sh" || op == "Do" || op == "EI") {
      paint(op, false);
    }
    operands.clear();
  }
  void handleEOF() override {
    if (!stack.empty())
      problems.push_back("[structure] " + std::to_string(stack.size()) + " marked-content sequence(s) left open");
  }
};

void Checker::content(QPDFPageObjectHelper &page, int number) {
  ContentCallbacks cb;
  QPDFObjectHandle res = page.getAttribute("/Resources", false);
  cb.fonts = res.isDictionary() ? res.getKey("/Font") : QPDFObjectHandle::newNull();
  std::string where = "page " + std::to_string(number);
  try {
    page.parseContents(&cb);
  } catch (std::exception &e) {
    fail("document", where + ": the content stream cannot be read: " + e.what());
    return;
  }
  for (auto &p : cb.problems)
    fail(p.substr(1, p.find(']') - 1).c_str(), where + ": " + p.substr(p.find(']') + 2));
  if (cb.untagged_text)
    fail("01", where + ": " + std::to_string(cb.untagged_text) +
                    " text operator(s) neither tagged nor an artifact (an untagged text run; the first: " +
                   cb.first_text + ")");
  if (cb.untagged_other)
    fail("01", where + ": " + std::to_string(cb.untagged_other) +
                    " painting operator(s) neither tagged nor an artifact (the first: " + cb.first_other + ")");
  for (auto &f : cb.unembedded)
    fail("31", where + ": the font " + f + " is not embedded");
  if (cb.unmapped)
    fail("10", where + ": " + std::to_string(cb.unmapped) + " character code(s) without a Unicode value (fonts " +
                   *cb.unmapped_fonts.begin() + (cb.unmapped_fonts.size() > 1 ? " …" : "") + ")");
  QPDFObjGen pg = page.getObjectHandle().getObjGen();
  content_mcids_[pg] = cb.mcids;
  tagged_ += cb.tagged;
  text_ops_ += cb.text_ops;
  artifacts_ += cb.artifacts;
  QPDFObjectHandle tabs = page.getObjectHandle().getKey("/Tabs");
  if (!tabs.isName() || tabs.getName() != "/S")
    fail("28", where + ": no /Tabs /S (the tab order does not follow the structure)");
}

void Checker::parent_tree(std::vector<QPDFPageObjectHelper> &pages) {
  QPDFObjectHandle tree = pdf_.getRoot().getKey("/StructTreeRoot");
  if (!tree.isDictionary())
    return;
  QPDFObjectHandle pt = tree.getKey("/ParentTree");
  std::unique_ptr<QPDFNumberTreeObjectHelper> nt;
  if (pt.isDictionary())
    nt.reset(new QPDFNumberTreeObjectHelper(pt, pdf_));
  for (size_t i = 0; i < pages.size(); i++) {
    QPDFObjectHandle page = pages[i].getObjectHandle();
    std::string where = "page " + std::to_string(i + 1);
    const std::set<long long> &mcids = content_mcids_[page.getObjGen()];
    for (long long m : mcids)
      if (!mcid_owner_.count({page.getObjGen(), m}))
        fail("01", where + ": tagged content (MCID " + std::to_string(m) + ") belongs to no structure element");
    QPDFObjectHandle arr;
    if (!mcids.empty()) {
      QPDFObjectHandle sp = page.getKey("/StructParents");
      if (!sp.isInteger() || !nt || !nt->findObject(sp.getIntValue(), arr) || !arr.isArray()) {
        fail("structure", where + ": no parent-tree entry for the page's tagged content");
        arr = QPDFObjectHandle::newNull();
      }
    }
    for (long long m : mcids) {
      auto owner = mcid_owner_.find({page.getObjGen(), m});
      if (owner == mcid_owner_.end() || !arr.isArray())
        continue;
      QPDFObjectHandle e = m < arr.getArrayNItems() ? arr.getArrayItem((int)m) : QPDFObjectHandle::newNull();
      if (!e.isIndirect() || e.getObjGen() != owner->second)
        fail("structure", where + ": the parent tree does not map MCID " + std::to_string(m) + " to its element");
    }
  }
  for (auto &o : mcid_owner_)
    if (!content_mcids_[o.first.page].count(o.first.mcid))
      fail("structure", "a structure element refers to MCID " + std::to_string(o.first.mcid) +
                            " that no content on its page carries");
}

// ---- what the elements say: alternate text, headings, lists, tables ----

void Checker::semantics() {
  int last_level = 0;
  bool numbered = false, plain = false;
  for (auto &e : elems_) {
    const std::string &t = e.type;
    if (t == "Figure" || t == "Formula") {
      QPDFObjectHandle alt = e.dict.getKey("/Alt"), at = e.dict.getKey("/ActualText");
      bool has = (alt.isString() && !alt.getUTF8Value().empty()) || (at.isString() && !at.getUTF8Value().empty());
      if (!has)
        fail(t == "Figure" ? "13" : "17", "a " + t + " element without alternate text (/Alt)");
    }
    if (t.size() == 2 && t[0] == 'H' && t[1] >= '1' && t[1] <= '6') {
      int level = t[1] - '0';
      numbered = true;
      if (last_level == 0 && level != 1)
        fail("14", "the first heading is " + t + ", not H1");
      else if (level > last_level + 1 && last_level > 0)
        fail("14", "a heading skips a level: H" + std::to_string(last_level) + " followed by " + t);
      last_level = level;
    } else if (t == "H") {
      plain = true;
    }
    if (t == "L") {
      // ISO 32000-1 table 336 / 14.8.4.3.3: a list holds list items (and a caption).
    }
    if (t == "LI" && e.parent_type != "L")
      fail("09", "an LI element inside a " + e.parent_type + ", not an L");
    if ((t == "Lbl" || t == "LBody") && e.parent_type != "LI" && e.parent_type != "TOCI" && e.parent_type != "BibEntry")
      fail("09", "a " + t + " element inside a " + e.parent_type + ", not an LI");
    if (e.parent_type == "L" && t != "LI" && t != "Caption" && t != "L")
      fail("09", "a " + t + " element directly inside an L (a list holds LI elements)");
    if (e.parent_type == "LI" && t != "Lbl" && t != "LBody")
      fail("09", "a " + t + " element directly inside an LI (a list item holds Lbl and LBody)");
    if (t == "TR" && e.parent_type != "Table" && e.parent_type != "THead" && e.parent_type != "TBody" &&
        e.parent_type != "TFoot")
      fail("09", "a TR element inside a " + e.parent_type);
    if ((t == "TH" || t == "TD") && e.parent_type != "TR")
      fail("09", "a " + t + " element inside a " + e.parent_type + ", not a TR");
  }
  if (numbered && plain)
    fail("14", "both H and numbered headings (H1 to H6) in one document");
}

// ---- annotations: links in Link elements, with a description ----

void Checker::annotations(std::vector<QPDFPageObjectHelper> &pages) {
  std::set<QPDFObjGen> link_elems_with_objr;
  for (auto &o : objr_owner_)
    link_elems_with_objr.insert(o.second);
  for (auto &e : elems_)
    if (e.type == "Link" && e.dict.isIndirect() && !link_elems_with_objr.count(e.dict.getObjGen()))
      fail("28", "a Link element without the link annotation it stands for (no OBJR)");
  std::map<QPDFObjGen, std::string> types;
  for (auto &e : elems_)
    if (e.dict.isIndirect())
      types[e.dict.getObjGen()] = e.type;
  for (size_t i = 0; i < pages.size(); i++) {
    std::string where = "page " + std::to_string(i + 1);
    QPDFObjectHandle annots = pages[i].getObjectHandle().getKey("/Annots");
    if (!annots.isArray())
      continue;
    for (auto &a : annots.getArrayAsVector()) {
      if (!a.isDictionary())
        continue;
      std::string sub = a.getKey("/Subtype").isName() ? a.getKey("/Subtype").getName() : "";
      if (sub == "/Popup" || sub == "/PrinterMark")
        continue;
      if (sub == "/Link")
        links_++;
      QPDFObjectHandle contents = a.getKey("/Contents");
      if (sub != "/Widget" && (!contents.isString() || contents.getUTF8Value().empty()))
        fail("28", where + ": a " + sub.substr(1) + " annotation without /Contents (its description)");
      auto owner = a.isIndirect() ? objr_owner_.find(a.getObjGen()) : objr_owner_.end();
      if (owner == objr_owner_.end()) {
        fail("28", where + ": a " + sub.substr(1) + " annotation in no structure element");
        continue;
      }
      const std::string &t = types[owner->second];
      if (sub == "/Link" && t != "Link")
        fail("28", where + ": a link annotation inside a " + t + " element, not a Link");
      else if (sub != "/Link" && sub != "/Widget" && t != "Annot")
        fail("28", where + ": a " + sub.substr(1) + " annotation inside a " + t + " element, not an Annot");
      if (!a.getKey("/StructParent").isInteger())
        fail("28", where + ": a " + sub.substr(1) + " annotation without /StructParent");
    }
  }
}

// ---- files broken on purpose ----

class FirstText : public QPDFObjectHandle::ParserCallbacks {
public:
  std::vector<std::string> operands;
  std::string font, text;
  void handleObject(QPDFObjectHandle obj) override {
    if (!obj.isOperator()) {
      operands.push_back(obj.unparse());
      return;
    }
    std::string op = obj.getOperatorValue();
    if (op == "Tf" && operands.size() == 2 && text.empty())
      font = operands[0] + " " + operands[1] + " Tf";
    if ((op == "Tj" || op == "TJ") && text.empty() && !font.empty() && !operands.empty())
      text = operands.back() + " " + op;
    operands.clear();
  }
  void handleEOF() override {}
};

QPDFObjectHandle find_elem(QPDFObjectHandle node, const std::string &type, int depth) {
  if (depth > 200)
    return QPDFObjectHandle::newNull();
  if (node.isArray()) {
    for (auto &kid : node.getArrayAsVector()) {
      QPDFObjectHandle f = find_elem(kid, type, depth);
      if (!f.isNull())
        return f;
    }
    return QPDFObjectHandle::newNull();
  }
  if (!node.isDictionary())
    return QPDFObjectHandle::newNull();
  if (node.getKey("/S").isName() && node.getKey("/S").getName() == "/" + type)
    return node;
  return find_elem(node.getKey("/K"), type, depth + 1);
}

QPDFObjectHandle find_lang_span(QPDFObjectHandle node, int depth) {
  if (depth > 200)
    return QPDFObjectHandle::newNull();
  if (node.isArray()) {
    for (auto &kid : node.getArrayAsVector()) {
      QPDFObjectHandle f = find_lang_span(kid, depth);
      if (!f.isNull())
        return f;
    }
    return QPDFObjectHandle::newNull();
  }
  if (!node.isDictionary())
    return QPDFObjectHandle::newNull();
  if (node.getKey("/S").isName() && node.getKey("/S").getName() == "/Span" && node.getKey("/Lang").isString())
    return node;
  return find_lang_span(node.getKey("/K"), depth + 1);
}

int break_file(const std::string &kind, const char *in, const char *out) {
  QPDF pdf;
  pdf.processFile(in);
  QPDFObjectHandle tree = pdf.getRoot().getKey("/StructTreeRoot");
  if (kind == "untagged") {
    // The page's first text again, at the foot of the page, outside any
    // marked content: what a writer that forgot a tag would write.
    QPDFPageObjectHelper page = QPDFPageDocumentHelper(pdf).getAllPages().at(0);
    FirstText ft;
    page.parseContents(&ft);
    if (ft.text.empty()) {
      std::fprintf(stderr, "lp_ua: no text on page 1 of %s\n", in);
      return 2;
    }
    std::string add = "q BT " + ft.font + " 1 0 0 1 72 30 Tm " + ft.text + " ET Q\n";
    page.addPageContents(QPDFObjectHandle::newStream(&pdf, add), false);
  } else if (kind == "no-alt") {
    QPDFObjectHandle fig = find_elem(tree.getKey("/K"), "Figure", 0);
    if (fig.isNull() || !fig.hasKey("/Alt")) {
      std::fprintf(stderr, "lp_ua: no Figure with /Alt in %s\n", in);
      return 2;
    }
    fig.removeKey("/Alt");
  } else if (kind == "heading-skip") {
    QPDFObjectHandle h = find_elem(tree.getKey("/K"), "H2", 0);
    if (h.isNull()) {
      std::fprintf(stderr, "lp_ua: no H2 in %s\n", in);
      return 2;
    }
    h.replaceKey("/S", QPDFObjectHandle::newName("/H3"));
  } else if (kind == "span-lang") {
    // A span's language as a locale name, not a language tag: what a writer
    // that took it from the environment would write.
    QPDFObjectHandle span = find_lang_span(tree.getKey("/K"), 0);
    if (span.isNull()) {
      std::fprintf(stderr, "lp_ua: no Span with /Lang in %s\n", in);
      return 2;
    }
    span.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString("de_DE"));
  } else {
    std::fprintf(stderr, "lp_ua: --break takes untagged, no-alt, heading-skip or span-lang, not '%s'\n",
                 kind.c_str());
    return 2;
  }
  QPDFWriter w(pdf, out);
  w.setStaticID(true);
  w.write();
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc == 5 && std::strcmp(argv[1], "--break") == 0) {
    try {
      return break_file(argv[2], argv[3], argv[4]);
    } catch (std::exception &e) {
      std::fprintf(stderr, "lp_ua: %s\n", e.what());
      return 2;
    }
  }
  if (argc < 2 || argv[1][0] == '-') {
    std::fprintf(stderr, "usage: lp_ua FILE.pdf...\n       lp_ua --break untagged|no-alt|heading-skip|span-lang IN OUT\n");
    return 2;
  }
  int bad = 0;
  for (int i = 1; i < argc; i++) {
    Checker c(argv[i]);
    c.run();
    bad += c.problems() > 0;
  }
  return bad ? 1 : 0;
}
