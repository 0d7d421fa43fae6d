# The examples of README.md and docs/*.md run as written: every ```sh block
# with a line that starts with `leafpress` or `build/leafpress` is run line by
# line (comments and blank lines skipped) in a fresh scratch copy of the
# bundled project, with the installed leafpress on the PATH and build/leafpress
# the build tree's. A leafpress line must exit 0, or the code its comment
# says ("# exit 2"); any other line (a setup step, `cd x && leafpress ...`)
# must exit 0. The data files the examples name as the clinic's own exports
# (today.csv, export.csv …) are tests/data/docs-examples/, copied in beside
# the project. The docs' links to other files of the tree must lead somewhere.
. "$(dirname "$0")/lib.sh"
: "${LP_PREFIX:?}"
W=$(mktemp -d "${TMPDIR:-/tmp}/lp-docs.XXXXXX")
at_exit 'rm -rf "$W"'
sweep_dir "$W"
export XDG_CACHE_HOME="$W/cache" PATH="$LP_PREFIX/bin:$PATH"
[ "$(command -v leafpress)" = "$LP_PREFIX/bin/leafpress" ] || fail "the installed leafpress is not first on the PATH"

docs=("$SRC/README.md" "$SRC"/docs/*.md)
[ ${#docs[@]} -ge 8 ] || fail "only ${#docs[@]} documents: ${docs[*]}"

# blocks FILE: each ```sh block as "LINE<TAB>text" lines, blocks separated by
# a line "--"; a command continued with a trailing backslash is one entry, at
# its first line.
blocks() {
  awk '/^```sh[ \t]*$/ { on = 1; if (n++) print "--"; next } /^```/ { on = 0; next }
       on && held != "" { sub(/^[ \t]+/, ""); held = held " " $0 }
       on && held == "" { at = FNR; held = $0 }
       on && held ~ /\\$/ { sub(/[ \t]*\\$/, "", held); next }
       on { print at "\t" held; held = "" }' "$1"
}

# Under the sanitizers (LP_SANITIZED=1) each copy's leafpress.yaml builds the
# sanitizer language sample and the languages the examples name, not all 37:
# the examples' three `check`s and two whole-project batches lay out 111
# documents each, which took over 900 s under AddressSanitizer on a loaded
# two-core machine. The commands still run as written; the normal build runs
# them on the whole project.
sample=
if [ "${LP_SANITIZED:-0}" = 1 ]; then
  sample=$( { script_langs; echo de; echo tr; } | sort -u | paste -sd, | sed 's/,/, /g')
  echo "sanitized: the copies build $sample"
fi

ran=0 leafpress_lines=0
for doc in "${docs[@]}"; do
  rel=${doc#"$SRC/"}
  blocks "$doc" >"$T/blocks"
  [ -s "$T/blocks" ] || continue
  echo "--" >>"$T/blocks"
  block=()
  while IFS= read -r entry; do
    if [ "$entry" != "--" ]; then
      block+=("$entry")
      continue
    fi
    # Only blocks that run leafpress; tool/build.sh and tests/run.sh are the
    # suite's own commands.
    texts=$(printf '%s\n' "${block[@]}" | cut -f2-)
    if [[ $'\n'$texts =~ $'\n'(build/)?leafpress\  ]]; then
      copy="$W/copy.$ran"
      mkdir -p "$copy/build"
      cp -r "$SRC/leafpress.yaml" "$SRC/layouts" "$SRC/fonts" "$SRC/languages.yaml" "$SRC/text" "$copy/"
      cp "$SRC"/tests/data/docs-examples/* "$copy/"
      if [ -n "$sample" ]; then
        sed -i "s/^languages: *\[.*\]/languages: [$sample]/" "$copy/leafpress.yaml"
        grep -q "^languages: \[$sample\]" "$copy/leafpress.yaml" || fail "the copy's leafpress.yaml has no languages: line to shorten"
      fi
      ln -s "$LP" "$copy/build/leafpress"
      for e in "${block[@]}"; do
        line=${e%%$'\t'*}
        cmd=${e#*$'\t'}
        case $cmd in '' | '#'*) continue ;; esac
        want=0
        if [[ $cmd =~ \#\ *exit\ ([0-9]+) ]]; then want=${BASH_REMATCH[1]}; fi
        status=0
        (cd "$copy" && bash -c "$cmd") >"$T/out" 2>"$T/err" </dev/null || status=$?
        [ "$status" = "$want" ] || fail "$rel:$line: '$cmd' exited $status, expected $want: $(head -c 800 "$T/err")"
        [[ $cmd =~ ^(build/)?leafpress\  ]] && leafpress_lines=$((leafpress_lines + 1))
      done
      ran=$((ran + 1))
    fi
    block=()
  done <"$T/blocks"
done
echo "ok: $ran blocks, $leafpress_lines leafpress commands"
[ "$ran" -ge 10 ] || fail "only $ran example blocks ran: has the docs' fence changed?"

# Relative links in the docs name files that exist (csv.md is written with the
# CSV work and may not be here yet). Fenced blocks are examples, not links
# (an article's pictures).
for doc in "${docs[@]}" "$SRC/tests/README.md"; do
  dir=$(dirname "$doc")
  { awk '/^ *```/ { fenced = !fenced; next } !fenced' "$doc" | grep -o '](\([^)#:]*\))' || true; } | sed 's/^](//; s/)$//' | sort -u | while IFS= read -r target; do
    [ -z "$target" ] && continue
    [ "${target##*/}" = csv.md ] && continue
    [ -e "$dir/$target" ] || fail "${doc#"$SRC/"} links to $target, which does not exist"
  done
done
echo ok
