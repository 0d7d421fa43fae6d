# bash completion for leafpress (loaded by bash-completion from
# share/bash-completion/completions/leafpress).
#
# Commands; each command's options, read from its own --help-all (so they never
# drift from the program); after --layout, the layouts of the project (found as
# leafpress finds it: --project, or walking up from the working folder to
# leafpress.yaml, or layouts/ and fonts/fonts.conf) and the installed ones
# (leafpress:NAME); after --lang, the languages of the article folders named on
# the line; after translate's source, every language leafpress knows; files
# and folders where a command takes them.

# The project's root, or nothing.
_leafpress_project() {
    local i dir=
    for ((i = 2; i < ${#words[@]}; i++)); do
        [[ ${words[i]} == --project && i+1 -lt ${#words[@]} ]] && dir=${words[i + 1]}
        [[ ${words[i]} == --project=* ]] && dir=${words[i]#--project=}
    done
    if [[ -n $dir ]]; then
        printf '%s\n' "$dir"
        return
    fi
    dir=$PWD
    while :; do
        if [[ -f $dir/leafpress.yaml || (-d $dir/layouts && -f $dir/fonts/fonts.conf) ]]; then
            printf '%s\n' "$dir"
            return
        fi
        [[ $dir == / || -z $dir ]] && return
        dir=${dir%/*}
        [[ -z $dir ]] && dir=/
    done
}

# The installed layouts' folder of the leafpress being completed.
_leafpress_installed() {
    local exe
    exe=$(type -P -- "${words[0]}" 2>/dev/null) || return
    exe=$(readlink -f -- "$exe") || return
    printf '%s\n' "${exe%/*/*}/share/leafpress/layouts"
}

_leafpress_layouts() {
    local root dir f
    root=$(_leafpress_project)
    if [[ -n $root ]]; then
        for f in "$root"/layouts/*.yaml; do
            [[ -f $f ]] && f=${f##*/} && printf '%s\n' "${f%.yaml}"
        done
    fi
    dir=$(_leafpress_installed)
    if [[ -n $dir ]]; then
        for f in "$dir"/*.yaml; do
            [[ -f $f ]] && f=${f##*/} && printf 'leafpress:%s\n' "${f%.yaml}"
        done
    fi
}

# Every language leafpress has data for (the tags of the project's
# languages.yaml and the installed one), for translate.
_leafpress_known_langs() {
    local root dir f
    root=$(_leafpress_project)
    dir=$(_leafpress_installed)
    for f in "$root/languages.yaml" "${dir%/layouts}/languages.yaml"; do
        [[ -f $f ]] && sed -n 's/^\([a-zA-Z][a-zA-Z-]*\):.*/\1/p' "$f"
    done | sort -u
}

# The languages (NAME.md) of the article folders and files on the line.
_leafpress_langs() {
    local i w f
    for ((i = 2; i < ${#words[@]}; i++)); do
        [[ $i == "$cword" ]] && continue
        w=${words[i]}
        [[ $w == -* ]] && continue
        if [[ -d $w ]]; then
            for f in "$w"/*.md; do
                [[ -f $f ]] && f=${f##*/} && printf '%s\n' "${f%.md}"
            done
        elif [[ $w == *.md && -f $w ]]; then
            f=${w##*/}
            printf '%s\n' "${f%.md}"
        fi
    done | sort -u
}

# The long and short options of a command, from its --help-all.
_leafpress_options() {
    "${words[0]}" "$1" --help-all 2>/dev/null |
        sed -n 's/^ *\(-[A-Za-z0-9], \)\{0,1\}\(--[a-z0-9-]*\).*/\1\2/p' | tr ',' '\n' | sed 's/^ *//'
}

# COMPREPLY from a list of words; for a comma-separated value (batch takes
# -l a4-leaflet,a5-card) the part after the last comma is completed.
_leafpress_list() {
    local list=$1 head=
    if [[ $cur == *,* ]]; then
        head=${cur%,*},
    fi
    local w
    COMPREPLY=()
    while IFS= read -r w; do
        [[ -n $w && $head$w == "$cur"* ]] && COMPREPLY+=("$head$w")
    done <<<"$list"
}

_leafpress() {
    local cur prev words cword
    _init_completion -n =: || return

    if ((cword == 1)); then
        COMPREPLY=($(compgen -W 'build batch check translate stamp init serve --help --version' -- "$cur"))
        return
    fi
    local cmd=${words[1]}

    case $prev in
        -l | --layout)
            _leafpress_list "$(_leafpress_layouts)"
            __ltrim_colon_completions "$cur"
            return
            ;;
        -L | --lang)
            _leafpress_list "$(_leafpress_langs)"
            return
            ;;
        -f | --format)
            _leafpress_list $'pdf\npng\nsvg'
            return
            ;;
        -w | --writer)
            _leafpress_list $'cairo\nharu'
            return
            ;;
        --allow)
            _leafpress_list $'print\ncopy\nmodify\nannotate\nforms\nassemble\naccessibility'
            return
            ;;
        --project | --allow-path)
            _filedir -d
            return
            ;;
        -c | --clinic | --manifest)
            _filedir yaml
            return
            ;;
        --data)
            _filedir csv
            return
            ;;
        --logo)
            _filedir png
            return
            ;;
        -o | --output | --depfile | --report | --merge)
            _filedir
            return
            ;;
        -s | --set | --limit | --dpi | --max-input-size | --max-csv-rows | --max-field-size | -j | --jobs | \
            --shard | --owner-password | --name | --phone | --color | --listen | -p | --port)
            return
            ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_leafpress_options "$cmd")" -- "$cur"))
        return
    fi
    case $cmd in
        build | stamp) _filedir md ;;
        translate)
            if ((cword == 3)); then _leafpress_list "$(_leafpress_known_langs)"; else _filedir md; fi
            ;;
        batch | check) _filedir md ;;
        init) _filedir -d ;;
    esac
}
complete -F _leafpress leafpress
