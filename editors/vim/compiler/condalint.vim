" Vim compiler file
" Compiler:  condalint, a linter for conda environment files and Azure ML definitions
" Use:       :compiler condalint | make          lint the current directory's environment files
"            :make %                             lint the current file
" Install:   copy this file to ~/.vim/compiler/ (Neovim: ~/.config/nvim/compiler/), or add
"            editors/vim to 'runtimepath'.
" Each line of `condalint check --output-format concise` is `FILE:LINE:COLUMN: CODE [severity]
" message`; the quickfix text keeps the code and severity.

if exists("current_compiler")
  finish
endif
let current_compiler = "condalint"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

CompilerSet makeprg=condalint\ check\ --output-format\ concise\ --quiet\ --color\ never\ $*
CompilerSet errorformat=%f:%l:%c:\ %m,%Econdalint:\ error:\ %m,%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
