# The Debian package (cpack -G DEB in the build tree): its control fields and
# files; unpacked with dpkg-deb -x into a scratch root it runs from there,
# reading its data beside itself and nothing of an installed leafpress or the
# source tree; its Depends: every shared library the binary needs directly is
# there (readelf), every library ldd loads and every file a build opens under
# /usr (fonts, dictionaries, colour profiles; traced with strace while every
# language, the card, PDF/A and CMYK are built) belongs to a package that
# Depends lists or that those depend on.
. "$(dirname "$0")/lib.sh"
: "${LP_BUILD_DIR:?}"
W=$(mktemp -d "${TMPDIR:-/tmp}/lp-package.XXXXXX")
at_exit 'rm -rf "$W"'
sweep_dir "$W"
export XDG_CACHE_HOME="$W/cache"

cpack -G DEB --config "$LP_BUILD_DIR/CPackConfig.cmake" -B "$T/pkg" >"$T/cpack.log" 2>&1 ||
  fail "cpack: $(tail -20 "$T/cpack.log")"
debs=("$T"/pkg/leafpress_*.deb)
[ ${#debs[@]} = 1 ] && [ -s "${debs[0]}" ] || fail "cpack made ${debs[*]}"
deb=${debs[0]}
version=$("$LP" --version | sed 's/^leafpress //')
expect_eq "Package" leafpress "$(dpkg-deb -f "$deb" Package)"
expect_eq "Version" "$version" "$(dpkg-deb -f "$deb" Version)"
expect_eq "file name" "leafpress_${version}_$(dpkg --print-architecture).deb" "${deb##*/}"
# The package names in Depends, without versions; alternatives each.
dpkg-deb -f "$deb" Depends | tr ',|' '\n\n' | sed 's/(.*)//; s/:any//; s/ //g' | grep . | sort -u >"$T/depends"
for p in fonts-noto-core hyphen-en-us hyphen-de hyphen-fr hyphen-es hyphen-ru icc-profiles-free libgs-common libc6; do
  grep -qx "$p" "$T/depends" || fail "Depends has no $p: $(tr '\n' ' ' <"$T/depends")"
done

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$T/contents"
for f in /usr/bin/leafpress /usr/share/leafpress/layouts/a4-leaflet.yaml /usr/share/leafpress/layouts/a5-card.yaml \
  /usr/share/leafpress/layouts/labels/ar.yaml /usr/share/leafpress/fonts/fonts.conf /usr/share/leafpress/example/en.md \
  /usr/share/man/man1/leafpress.1 /usr/share/man/man1/leafpress-build.1 /usr/share/man/man5/leafpress-layout.5 \
  /usr/share/doc/leafpress/README.md /usr/share/bash-completion/completions/leafpress; do
  grep -qx "$f" "$T/contents" || fail "the package has no $f"
done
if grep -v '^/usr/' "$T/contents" >"$T/outside"; then fail "files outside /usr: $(head -3 "$T/outside")"; fi

# ---- unpacked into a scratch root, run from there ----
dpkg-deb -x "$deb" "$W/root"
B="$W/root/usr/bin/leafpress"
expect_eq "the unpacked binary's version" "leafpress $version" "$("$B" --version)"
(cd "$W" && "$B" init -q clinic --name "Package Clinic" --phone "+44 1632 960000") || fail "init from the package"
# (LeakSanitizer cannot run under ptrace: leak checks are the other runs'.)
trace() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -e trace=%file -o "$T/trace.$1" "${@:2}"; }
(cd "$W/clinic" && trace 1 "$B" build text/example/en.md -o leaflet.pdf -q &&
  trace 2 "$B" build text/example/en.md -l a5-card -o card.pdf -q) || fail "builds from the unpacked package"
pdftotext "$W/clinic/card.pdf" "$T/card.txt"
expect_contains "the card" "Package Clinic" "$T/card.txt"
expect_eq "card pages" 2 "$(pdf_field "$W/clinic/card.pdf" Pages)"
cat "$T"/trace.[12] >"$T/trace.own"
grep -q "\"$W/root/usr/share/leafpress/layouts/a5-card.yaml\"" "$T/trace.own" || fail "the data beside the binary was not read"
if grep '"/usr/share/leafpress' "$T/trace.own" >"$T/hits"; then fail "it read an installed leafpress's data: $(head -2 "$T/hits")"; fi
if grep -F "$SRC" "$T/trace.own" >"$T/hits"; then fail "it read the source tree: $(head -2 "$T/hits")"; fi

# Every language, the card, PDF/A and CMYK in a copy of the bundled project,
# traced: the files they open are what the package must bring.
mkdir "$W/bundled"
cp -r "$SRC/leafpress.yaml" "$SRC/layouts" "$SRC/fonts" "$SRC/languages.yaml" "$SRC/text" "$W/bundled/"
(cd "$W/bundled" && trace 3 "$B" batch -q -l a4-leaflet,a5-card -f pdf -o "out/{lang}-{layout}.pdf" &&
  trace 4 "$B" build text/botox-headache/de.md --pdfa -o pdfa.pdf -q &&
  trace 5 "$B" build text/botox-headache/tr.md --writer haru --cmyk --pdfa -o cmyk.pdf -q) || fail "the traced builds"
cat "$T"/trace.* | grep -v ' = -1 ' | grep -o '"/[^"]*"' | tr -d '"' | sort -u |
  grep -E '^/(usr|lib|lib64|etc)/' | while IFS= read -r f; do [ -f "$f" ] && echo "$f"; done >"$T/opened"
grep -q '^/usr/share/hyphen/hyph_de_DE.dic$' "$T/opened" || fail "the German dictionary was not opened: is the trace right?"
grep -q '^/usr/share/color/icc/' "$T/opened" || fail "no colour profile was opened for --pdfa"
grep -q '^/usr/share/fonts/truetype/noto/NotoSansArabic' "$T/opened" || fail "no Arabic font was opened"

# ldd's libraries too; and NEEDED, which must each be in Depends itself.
ldd "$W/root/usr/bin/leafpress" | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p' >>"$T/opened"
readelf -d "$W/root/usr/bin/leafpress" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' >"$T/needed"
[ "$(wc -l <"$T/needed")" -gt 10 ] || fail "readelf found only $(wc -l <"$T/needed") NEEDED libraries"

python3 - "$T/depends" "$T/opened" "$T/needed" "$W/root/usr/bin/leafpress" <<'EOF' || fail "the package's Depends"
import os, re, subprocess, sys
depends = set(open(sys.argv[1]).read().split())
opened = sorted(set(open(sys.argv[2]).read().split()))
needed = open(sys.argv[3]).read().split()

def candidates(path):
    """The names dpkg may have recorded for path (/lib or /usr/lib, links resolved)."""
    cands = [path, os.path.realpath(path)]
    for p in list(cands):
        for a, b in (("/usr/lib/", "/lib/"), ("/lib/", "/usr/lib/")):
            if p.startswith(a):
                cands.append(b + p[len(a):])
    return cands

# Every candidate name in one dpkg-query call: name -> package.
names = sorted({c for f in opened for c in candidates(f)} |
               {c for p in needed for c in candidates(p) if p.startswith("/")})
owners = {}
r = subprocess.run(["dpkg-query", "-S"] + names, capture_output=True, text=True)
for line in r.stdout.splitlines():
    pkgs, _, f = line.partition(": ")
    if not pkgs.startswith("diversion"):
        owners.setdefault(f, pkgs.split(",")[0].strip().split(":")[0])

def owner(path):
    for c in candidates(path):
        if c in owners:
            return owners[c]
    return None

closure, todo = set(), list(depends)
while todo:
    p = todo.pop()
    if p in closure:
        continue
    closure.add(p)
    r = subprocess.run(["dpkg-query", "-W", "-f=${Depends}, ${Pre-Depends}", p], capture_output=True, text=True)
    for d in re.split(r"[,|]", r.stdout):
        d = re.sub(r"\(.*?\)|:any|\s", "", d)
        if d and d not in closure:
            todo.append(d)

# What every Debian system has (Essential, or priority required: debootstrap
# installs it) needs no Depends: the time zone data GLib reads, for one.
base = set()
r = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${Priority} ${Essential}\\n"], capture_output=True, text=True)
for line in r.stdout.splitlines():
    f = line.split()
    if len(f) >= 2 and (f[1] == "required" or f[-1] == "yes"):
        base.add(f[0])

bad = []
for f in opened:
    pkg = owner(f)
    if pkg is None:
        if f.startswith(("/usr/share/", "/usr/lib/", "/lib/")) and not f.startswith("/usr/lib/locale/"):
            bad.append(f"{f}: no package owns it")
    elif pkg not in closure and pkg not in base:
        bad.append(f"{f}: from {pkg}, which Depends does not bring")
ldd = dict(re.findall(r"^\s*(\S+) => (\S+)", subprocess.run(["ldd", sys.argv[4]], capture_output=True, text=True).stdout, re.M))
for lib in needed:
    pkg = owner(ldd.get(lib, lib))
    if pkg not in depends:
        bad.append(f"NEEDED {lib}: from {pkg}, not in Depends")
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
print(f"ok: {len(opened)} files from {len(closure)} packages, {len(needed)} NEEDED libraries in Depends")
EOF
echo ok
