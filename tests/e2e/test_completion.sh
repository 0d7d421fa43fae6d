# The bash completion (installed as share/bash-completion/completions/
# leafpress), sourced after bash-completion and called as bash calls it:
# COMP_LINE, COMP_POINT, COMP_WORDS split where readline splits (spaces, ':'
# and '='), COMP_CWORD, then the function; COMPREPLY is what the user would be
# offered.
. "$(dirname "$0")/lib.sh"
: "${LP_PREFIX:?}"
W=$(mktemp -d "${TMPDIR:-/tmp}/lp-completion.XXXXXX")
at_exit 'rm -rf "$W"'
sweep_dir "$W"
export PATH="$LP_PREFIX/bin:$PATH"
BC=/usr/share/bash-completion/bash_completion
[ -f "$BC" ] || fail "bash-completion is not installed ($BC)"
COMPLETION="$LP_PREFIX/share/bash-completion/completions/leafpress"
[ -f "$COMPLETION" ] || fail "the completion is not installed"

# offered DIR LINE: what completing LINE (the cursor at its end) in DIR offers,
# one candidate a line, sorted.
offered() {
  local dir=$1 line=$2
  (
    cd "$dir"
    # bash-completion is written for interactive shells, not for set -eu.
    set +euo pipefail
    # shellcheck disable=SC1090
    . "$BC"
    . "$COMPLETION"
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMP_WORDBREAKS=$' \t\n"\'><=;|&(:'
    local spaced=${line//:/ : }
    spaced=${spaced//=/ = }
    read -r -a COMP_WORDS <<<"$spaced"
    [[ $line == *' ' ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _leafpress leafpress "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | sort
  )
}

# expect_offers WHAT DIR LINE CANDIDATE...: exactly these candidates.
expect_offers() {
  local what=$1 dir=$2 line=$3
  shift 3
  local got want
  got=$(offered "$dir" "$line" | tr '\n' ' ')
  want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  [ "$got" = "$want" ] || fail "$what: completing '$line' offered '$got', expected '$want'"
}
# expect_includes WHAT DIR LINE CANDIDATE...: at least these.
expect_includes() {
  local what=$1 dir=$2 line=$3 c
  shift 3
  offered "$dir" "$line" >"$T/offered"
  for c in "$@"; do
    grep -qxF -- "$c" "$T/offered" || fail "$what: completing '$line' did not offer '$c': $(tr '\n' ' ' <"$T/offered")"
  done
}

# A project: a copy of the bundled one with a layout of its own.
P="$W/project"
mkdir -p "$P"
cp -r "$SRC/leafpress.yaml" "$SRC/layouts" "$SRC/fonts" "$SRC/languages.yaml" "$SRC/text" "$P/"
printf 'extends: leafpress:a5-card\n' >"$P/layouts/clinic-card.yaml"

# Every command of `leafpress --help`, and no other.
mapfile -t cmds < <("$LP" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p')
expect_offers "commands" "$P" "leafpress " "${cmds[@]}" --help --version
expect_offers "translate's language" "$P" "leafpress translate text/botox-headache/en.md d" de
expect_offers "commands by prefix" "$P" "leafpress b" build batch
expect_offers "an option by prefix" "$P" "leafpress build --la" --layout
expect_offers "init's options" "$P" "leafpress init --" --name --phone --color --logo --force --quiet --help

# Every command's options are exactly those of its --help-all.
for c in "${cmds[@]}"; do
  leafpress "$c" --help-all | sed -n 's/^ *\(-[A-Za-z0-9], \)\{0,1\}\(--[a-z0-9-]*\).*/\2/p' | sort >"$T/help.$c"
  offered "$P" "leafpress $c --" >"$T/offered.$c"
  diff "$T/help.$c" "$T/offered.$c" >/dev/null ||
    fail "$c: the completion's options differ from --help-all: $(diff "$T/help.$c" "$T/offered.$c" | grep '^[<>]' | tr '\n' ' ')"
done

# Layouts: the project's and the installed ones; after "leafpress:" readline
# has split the word, so the candidates are what follows the colon.
layouts=(a4-large-print a4-leaflet a5-booklet a5-card a6-card clinic-card dl-trifold leafpress:a4-large-print
  leafpress:a4-leaflet leafpress:a5-booklet leafpress:a5-card leafpress:a6-card leafpress:dl-trifold)
expect_offers "layouts" "$P" "leafpress build text/botox-headache/en.md -l " "${layouts[@]}"
expect_offers "layouts (--layout)" "$P" "leafpress check text/botox-headache --layout " "${layouts[@]}"
expect_offers "layouts by prefix" "$P" "leafpress build x.md -l c" clinic-card
expect_offers "installed layouts after the colon" "$P" "leafpress build x.md -l leafpress:a5" a5-booklet a5-card
expect_offers "layouts from a subfolder" "$P/text/botox-headache" "leafpress build en.md -l a5" a5-booklet a5-card
expect_offers "a batch's list of layouts" "$P" "leafpress batch text/botox-headache -l a4-leaflet,a5" \
  a4-leaflet,a5-booklet a4-leaflet,a5-card
# --project names the project to take the layouts from.
mkdir "$W/elsewhere"
expect_includes "layouts of --project" "$W/elsewhere" "leafpress build x.md --project $P -l " clinic-card a5-card
expect_offers "no project: only the installed layouts" "$W/elsewhere" "leafpress build x.md -l " \
  leafpress:a4-large-print leafpress:a4-leaflet leafpress:a5-booklet leafpress:a5-card leafpress:a6-card \
  leafpress:dl-trifold

# Languages of the article folders on the line.
mapfile -t langs < <(cd "$SRC/text/botox-headache" && ls -- *.md | sed 's/\.md$//')
expect_offers "languages" "$P" "leafpress batch text/botox-headache -L " "${langs[@]}"
expect_offers "languages by prefix" "$P" "leafpress batch text/botox-headache -L e" el en es
expect_offers "a list of languages" "$P" "leafpress batch text/botox-headache --lang en,t" en,ta en,th en,ti en,tr
expect_offers "languages of a file" "$P" "leafpress batch text/botox-headache/de.md -L " de

# Values with fixed choices, and files.
expect_offers "formats" "$P" "leafpress build x.md -f p" pdf png
expect_offers "writers" "$P" "leafpress batch -w " cairo haru
expect_includes "article files" "$P/text/botox-headache" "leafpress build " ar.md de.md en.md
expect_offers "no articles where a folder is asked" "$P" "leafpress init te" text
expect_offers "no completion for a clinic's name" "$P" "leafpress init x --name " ""
echo ok
