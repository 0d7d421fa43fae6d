# The layering docs/architecture.md promises, enforced: a folder of tool/
# includes only the shared model and the stages before it, front ends include
# the engine (and the batch) but no stage includes a front end. Every
# #include "folder/…" in tool/ is checked against the table below; a new
# folder must be added here (and to the docs) before it may be included.
. "$(dirname "$0")/lib.sh"

declare -A allowed=(
  [doc]="doc"
  [page]="doc page"
  [read]="doc read"
  [layout]="doc page layout"
  [impose]="doc page impose"
  [write]="doc page write"
  [finish]="doc page write finish"
  [verify]="doc page write finish verify"
  [engine]="doc page read layout impose write finish verify engine"
  [batch]="doc page read engine finish batch"
  [cli]="doc page read engine batch finish serve cli"
  [serve]="doc page read engine batch finish serve"
  [.]="cli serve doc"
)

bad=0
checked=0
while IFS= read -r file; do
  rel=${file#"$SRC/tool/"}
  dir=$(dirname "$rel")
  [ -n "${allowed[$dir]+x}" ] || { echo "FAIL: tool/$dir has no row in the layering table" >&2; bad=1; continue; }
  while IFS= read -r inc; do
    checked=$((checked + 1))
    case " ${allowed[$dir]} " in
      *" $inc "*) ;;
      *) echo "FAIL: tool/$rel includes $inc/, which $dir/ may not (allowed: ${allowed[$dir]})" >&2; bad=1 ;;
    esac
  done < <(sed -n 's|^#include "\([a-z]*\)/.*|\1|p' "$file")
done < <(find "$SRC/tool" -name '*.[ch]' | sort)
[ "$bad" = 0 ] || exit 1
[ "$checked" -gt 100 ] || fail "only $checked includes found: is the source tree there?"
echo "ok: $checked includes follow the layering table"

# The table itself must be acyclic: no folder may (transitively) include a
# folder that includes it. A depth-first walk over the table.
declare -A state
visit() {
  local d=$1 dep
  [ "${state[$d]:-}" = done ] && return 0
  [ "${state[$d]:-}" = open ] && fail "the layering table has a cycle through $d"
  state[$d]=open
  for dep in ${allowed[$d]:-}; do
    [ "$dep" = "$d" ] || visit "$dep"
  done
  state[$d]=done
}
for d in "${!allowed[@]}"; do visit "$d"; done
echo "ok: the layering table has no cycle"
