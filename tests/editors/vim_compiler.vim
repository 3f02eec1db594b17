" Plain Vim: `:compiler condalint | make` in the current directory; the quickfix list is written
" as JSON lines to $CONDALINT_QF_OUT. Run by scripts/check-editors.sh.
set nocompatible
let &runtimepath = $CONDALINT_VIM_RUNTIME . ',' . &runtimepath
compiler condalint
silent make!
let s:lines = []
for s:item in getqflist()
  call add(s:lines, json_encode({'file': bufname(s:item.bufnr), 'lnum': s:item.lnum, 'col': s:item.col, 'text': s:item.text, 'valid': s:item.valid}))
endfor
call writefile(s:lines, $CONDALINT_QF_OUT)
qall!
