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
#                   pages), bash-completion (the completion is sourced with it),
#                   zbar-tools (zbarimg: the QR codes decoded from a render)

LP_BUILD_PKGS="gcc libc6-dev make cmake pkg-config
  libglib2.0-dev libpango1.0-dev libcairo2-dev libharfbuzz-dev libfontconfig-dev libfreetype-dev
  libcmark-dev libyaml-dev libqpdf-dev libhpdf-dev libhyphen-dev libicu-dev libcsv-dev
  libpoppler-glib-dev libqrencode-dev
  fonts-noto-core fonts-noto-cjk
  hyphen-en-us hyphen-de hyphen-fr hyphen-es hyphen-ru hyphen-pt-pt hyphen-it hyphen-nl hyphen-ro
  hyphen-pl hyphen-cs hyphen-hu hyphen-lt hyphen-el hyphen-uk hyphen-bg
  hyphen-hi hyphen-bn hyphen-pa hyphen-gu hyphen-ta
  icc-profiles-free libgs-common"
LP_TEST_PKGS="poppler-utils qpdf mupdf-tools faketime libxml2-utils python3-jsonschema time
  valgrind clang libclang-rt-14-dev dpkg-dev strace binutils man-db bash-completion zbar-tools"

lp_need() {
  local pkgs="$LP_BUILD_PKGS" missing="" p
  [ "$1" = test ] && pkgs="$pkgs $LP_TEST_PKGS"
  for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
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
}
