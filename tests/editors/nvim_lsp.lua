-- Neovim (headless) as the LSP client of `condalint server`: opens each file of
-- $CONDALINT_FILES (separated by `:`), waits for its diagnostics, writes them as JSON lines
-- to $CONDALINT_DIAG_OUT; then in $CONDALINT_FIX_FILE applies the code action titled
-- $CONDALINT_ACTION, writes the buffer, and waits for the diagnostics of the changed text
-- (written to $CONDALINT_DIAG_OUT too, marked `after`). Run by scripts/check-editors.sh.
-- Neovim 0.7 (Debian 12) has `vim.lsp.start_client`; `vim.lsp.start` came in 0.8.

local function fail(message)
  io.stderr:write('nvim_lsp.lua: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local config = {
  name = 'condalint',
  cmd = { os.getenv('CONDALINT_BIN'), 'server' },
  root_dir = vim.loop.cwd(),
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  client_id = vim.lsp.start_client(config)
end
if not client_id then fail('the server did not start') end

local out = {}
local function record(buf, tag)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, vim.fn.json_encode({
      file = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':t'), tag = tag,
      code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source,
    }))
  end
end

local function open(file)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  if not vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    fail('no diagnostics for ' .. file)
  end
  return buf
end

for file in string.gmatch(os.getenv('CONDALINT_FILES'), '[^:]+') do
  record(open(file), 'open')
end

-- A code action, applied as an editor does, then the buffer written.
local buf = open(os.getenv('CONDALINT_FIX_FILE'))
local client = vim.lsp.get_client_by_id(client_id)
local wanted = os.getenv('CONDALINT_ACTION')
local target
for _, d in ipairs(vim.diagnostic.get(buf)) do
  if d.code == os.getenv('CONDALINT_ACTION_CODE') then target = d end
end
if not target then fail('no diagnostic to act on') end
-- The cursor on the finding, as a user puts it (the range in the client's encoding).
vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, target.lnum) }
local response = client.request_sync('textDocument/codeAction', params, 10000, buf)
if not response or response.err then fail('codeAction failed: ' .. vim.inspect(response)) end
local applied = false
for _, action in ipairs(response.result or {}) do
  if action.title == wanted then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    applied = true
  end
end
if not applied then fail('no action titled ' .. wanted .. ' in ' .. vim.inspect(response.result)) end
vim.cmd('write')
local gone = vim.wait(30000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == target.code and d.lnum == target.lnum then return false end
  end
  return true
end, 20)
if not gone then fail('the diagnostic is still there after the action') end
record(buf, 'after')

-- Hover on the code in the directive the action wrote (when it wrote one).
local line = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
local at = string.find(line, target.code, 1, true)
if at and string.find(line, 'condalint: ignore', 1, true) then
  local hover_params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = target.lnum, character = select(2, vim.str_utfindex(line, at)) } }
  local hover = client.request_sync('textDocument/hover', hover_params, 10000, buf)
  local value = hover and hover.result and hover.result.contents and hover.result.contents.value or ''
  if not string.find(value, '**' .. target.code .. '**', 1, true) then fail('hover did not show the rule: ' .. vim.inspect(hover)) end
  table.insert(out, vim.fn.json_encode({ tag = 'hover', code = target.code }))
end

vim.fn.writefile(out, os.getenv('CONDALINT_DIAG_OUT'))
client.stop()
vim.wait(5000, function() return client.is_stopped() end, 20)
vim.cmd('qall!')
