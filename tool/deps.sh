# Sourced by tool/build.sh and tests/run.sh: makes sure the Debian packages a
# step needs are installed. As root it installs what is missing; otherwise it
# prints the exact apt-get line and stops.
#   lp_need build   compiler, CMake, libraries, fonts, hyphenation dictionaries,
#                   the colour profiles --pdfa embeds (sRGB; CMYK from Ghostscript's)
#   lp_need test    the above and the tools the tests check PDFs with (xmllint: XMP;
#                   python3-jsonschema: the batch report against its schema; time:
#                   peak memory of a batch),
#                   valgrind (memcheck runs), clang with libFuzzer (fuzz targets),
#                   and for the install and package tests: dpkg-dev (dpkg-shlibdeps,
#                   for cpack's Depends), strace (which files an installed leafpress
#                   opens), binutils (objcopy, readelf), man-db (man -l renders the
#                   pages), bash-completion (the completion is sourced with it);
#                   npm (Debian's, only where no npm is on the PATH) and with it
#                   pdf.js (pdfjs-dist, pinned), the third text reader the
#                   readers test checks PDFs with, into build/test-clients;
#                   for leafpress serve: curl (requests), chromium and python3-websocket
#                   (the page in a real browser, over the DevTools protocol);
#                   zbar-tools (zbarimg: the QR codes decoded from a render)

LP_BUILD_PKGS="gcc g++ libc6-dev make cmake pkg-config
  libglib2.0-dev libpango1.0-dev libcairo2-dev libharfbuzz-dev libfontconfig-dev libfreetype-dev
  libcmark-dev libyaml-dev libqpdf-dev libhpdf-dev libhyphen-dev libicu-dev libcsv-dev
  libpoppler-glib-dev libsoup-3.0-dev libqrencode-dev librsvg2-dev libgdk-pixbuf-2.0-dev
  fonts-noto-core fonts-noto-cjk
  hyphen-en-us hyphen-de hyphen-fr hyphen-es hyphen-ru hyphen-pt-pt hyphen-it hyphen-nl hyphen-ro
  hyphen-pl hyphen-cs hyphen-hu hyphen-lt hyphen-el hyphen-uk hyphen-bg
  hyphen-hi hyphen-bn hyphen-pa hyphen-gu hyphen-ta
  icc-profiles-free libgs-common"
LP_TEST_PKGS="poppler-utils qpdf mupdf-tools faketime libxml2-utils python3-jsonschema time
  valgrind clang libclang-rt-14-dev dpkg-dev strace binutils man-db bash-completion
  curl chromium python3-websocket zbar-tools"

# pdf.js for the readers test (tests/e2e/test_readers.sh): 4.8.69 is the last
# release that runs on Debian 12's Node.js 18. --omit=optional: text needs no
# canvas package.
LP_PDFJS_PKG="pdfjs-dist@4.8.69"

# lp_need_pdfjs DIR: pdfjs-dist installed under DIR (DIR/node_modules/pdfjs-dist)
# unless the pinned version is already there; nothing is fetched then.
lp_need_pdfjs() {
  local dir=$1 want=${LP_PDFJS_PKG#pdfjs-dist@}
  if [ -f "$dir/node_modules/pdfjs-dist/package.json" ] &&
    grep -q "\"version\": \"$want\"" "$dir/node_modules/pdfjs-dist/package.json"; then
    return 0
  fi
  mkdir -p "$dir"
  echo "Installing $LP_PDFJS_PKG into $dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --omit=optional "$LP_PDFJS_PKG" >/dev/null
}

lp_need() {
  local pkgs="$LP_BUILD_PKGS" missing="" p
  [ "$1" = test ] && pkgs="$pkgs $LP_TEST_PKGS"
  for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  # npm by command: a Node.js from elsewhere brings its own, which Debian's
  # npm package would conflict with.
  [ "$1" = test ] && ! command -v npm >/dev/null && missing="$missing npm"
  if [ -z "$missing" ]; then
    [ "$1" = test ] && lp_need_pdfjs build/test-clients
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "leafpress needs these Debian packages; install them as root with:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    exit 1
  fi
  echo "Installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
  [ "$1" = test ] && lp_need_pdfjs build/test-clients
  return 0
}
