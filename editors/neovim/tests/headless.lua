-- Headless end-to-end test of the Neovim plugin against the real `sourced lsp`.
--
--   nvim --headless --clean -l editors/neovim/tests/headless.lua <path to sourced> [story folder] [archive story]
--
-- Opens draft.md of the story (default: tests/fixtures/syria-refugees), waits for the
-- server's diagnostics and checks that each finding of expected.md shows exactly once,
-- jumps to the definition of a quote, lists the sources of a quote with :SourcedSources,
-- re-indexes with :SourcedReindex, hovers on a quote, applies a quick fix and opens an
-- archived source. Given an archive story (the bundled draft with a sourced.toml naming an
-- archive that holds its sources, their files gone), jumps to a quote's archived source. Prints one PASS/FAIL line per check and `neovim: N passed, M failed`;
-- exits non-zero when a check failed.

local script = vim.fs.normalize(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p'))
local plugin_dir = vim.fs.dirname(vim.fs.dirname(script))
local repo = vim.fs.dirname(vim.fs.dirname(plugin_dir))
local server = arg[1]
local story = arg[2] and vim.fs.normalize(vim.fn.fnamemodify(arg[2], ':p')):gsub('/$', '')
  or (repo .. '/tests/fixtures/syria-refugees')
local sources_dir = story .. '/sources/'

-- How long to wait for the server: indexing a small story takes well under a second, but a
-- debug build on a loaded CI machine can be slow to start.
local TIMEOUT_MS = tonumber(os.getenv('SOURCED_NVIM_TIMEOUT_MS') or '') or 30000

local passed, failed = 0, 0
local function say(line)
  io.stdout:write(line, '\n')
  io.stdout:flush()
end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    say('PASS ' .. name)
  else
    failed = failed + 1
    say('FAIL ' .. name .. (detail and (': ' .. detail) or ''))
  end
end

local function finish()
  for _, client in ipairs(vim.lsp.get_clients({ name = 'sourced' })) do
    client:stop()
  end
  vim.wait(3000, function()
    return #vim.lsp.get_clients({ name = 'sourced' }) == 0
  end, 50)
  say(string.format('neovim: %d passed, %d failed', passed, failed))
  os.exit(failed == 0 and 0 or 1)
end

if not server or vim.fn.executable(server) ~= 1 then
  check('the sourced binary is given and executable', false, tostring(server))
  finish()
end
if vim.fn.has('nvim-0.11') ~= 1 then
  check('Neovim is 0.11 or newer', false, tostring(vim.version()))
  finish()
end

-- Messages of the plugin go to stdout as notes, on lines of their own.
local level_names = {}
for name, value in pairs(vim.log.levels) do
  level_names[value] = name
end
vim.notify = function(msg, level)
  say(string.format('  note (%s): %s', level_names[level or vim.log.levels.INFO] or '?', msg))
end

vim.cmd('filetype on')
vim.o.swapfile = false
vim.o.shadafile = 'NONE'

-- Loaded as a plugin manager loads it (lazy.nvim: `{ dir = ".../editors/neovim", main =
-- "sourced", opts = {} }` puts the folder on 'runtimepath' and calls setup(opts)), with
-- `sourced` found on PATH.
local bin_dir = vim.fn.tempname()
vim.fn.mkdir(bin_dir, 'p')
vim.uv.fs_symlink(vim.fn.fnamemodify(server, ':p'), bin_dir .. '/sourced')
vim.env.PATH = bin_dir .. ':' .. (vim.env.PATH or '')
vim.opt.runtimepath:prepend(plugin_dir)
require('sourced').setup({})
local server_exit
vim.lsp.config('sourced', {
  on_exit = function(code, signal)
    server_exit = string.format('the server exited (code %s, signal %s)', tostring(code), tostring(signal))
  end,
})

vim.cmd.edit(vim.fn.fnameescape(story .. '/draft.md'))
local draft_buf = vim.api.nvim_get_current_buf()
check('draft.md is detected as markdown', vim.bo[draft_buf].filetype == 'markdown', vim.bo[draft_buf].filetype)

local attached = vim.wait(TIMEOUT_MS, function()
  local client = vim.lsp.get_clients({ bufnr = draft_buf, name = 'sourced' })[1]
  return (client ~= nil and client.initialized == true) or server_exit ~= nil
end, 50)
local client = vim.lsp.get_clients({ bufnr = draft_buf, name = 'sourced' })[1]
check(
  'the plugin starts `sourced lsp` for draft.md, rooted at the story folder',
  attached and client ~= nil and client.root_dir == story,
  client and ('root_dir=' .. tostring(client.root_dir))
    or ('no client attached: ' .. (server_exit or 'the server did not answer initialize'))
)
if not client or server_exit then
  say('  (server log: ' .. vim.lsp.get_log_path() .. ')')
  finish()
end
---@cast client vim.lsp.Client

-- The findings expected.md lists (1-based lines).
local expected = {
  { line = 7, code = 'misattributed-quote' },
  { line = 9, code = 'altered-quote' },
  { line = 11, code = 'unsourced-quote' },
  { line = 15, code = 'misspelled-name' },
  { line = 17, code = 'title-mismatch' },
}

local function has(diags, line, code)
  for _, d in ipairs(diags) do
    if d.lnum + 1 == line and d.code == code then
      return true
    end
  end
  return false
end

local function describe(diags)
  local parts = {}
  for _, d in ipairs(diags) do
    table.insert(parts, string.format('%d:%s(%s)', d.lnum + 1, tostring(d.code), vim.diagnostic.severity[d.severity] or '?'))
  end
  return #parts > 0 and table.concat(parts, ', ') or 'none'
end

local function sourced_diagnostics()
  local all = vim.diagnostic.get(draft_buf)
  local ours = {}
  for _, d in ipairs(all) do
    local ns = vim.diagnostic.get_namespace(d.namespace)
    if ns and ns.name and ns.name:find('sourced', 1, true) or d.source == 'sourced' or d.code ~= nil then
      table.insert(ours, d)
    end
  end
  return ours
end

-- Wait until every expected finding is there, then a little longer for the diagnostics to
-- settle, so a false alarm published a moment later is seen too.
vim.wait(TIMEOUT_MS, function()
  local diags = sourced_diagnostics()
  for _, e in ipairs(expected) do
    if not has(diags, e.line, e.code) then
      return false
    end
  end
  return true
end, 100)
vim.wait(1000, function()
  return false
end, 100)

-- What a reporter sees: each finding exactly once (a server that both pushed diagnostics
-- and answered pulls showed every one twice), and no other error or warning.
local function serious(diags)
  local out = {}
  for _, d in ipairs(diags) do
    if d.severity == vim.diagnostic.severity.ERROR or d.severity == vim.diagnostic.severity.WARN then
      table.insert(out, d)
    end
  end
  table.sort(out, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and tostring(a.code) < tostring(b.code))
  end)
  return out
end
local function exactly(diags, want)
  local got = serious(diags)
  if #got ~= #want then
    return false
  end
  for i, e in ipairs(want) do
    if got[i].lnum + 1 ~= e.line or got[i].code ~= e.code then
      return false
    end
  end
  return true
end
local function listing(want)
  local parts = {}
  for _, e in ipairs(want) do
    table.insert(parts, string.format('%d:%s', e.line, e.code))
  end
  return table.concat(parts, ', ')
end

local diags = sourced_diagnostics()
check(
  string.format('the draft shows each of the %d findings exactly once, and no other error or warning', #expected),
  exactly(diags, expected),
  'got ' .. describe(serious(vim.diagnostic.get(draft_buf))) .. '; expected ' .. listing(expected)
)
check(
  'the client reads the findings one way only (pushed: the server offers no pull to a client that cannot refresh)',
  not client:supports_method('textDocument/diagnostic'),
  'the server offered textDocument/diagnostic'
)

-- Go to definition on the quote of line 5: it must land in a source file, on the passage.
local line5 = vim.api.nvim_buf_get_lines(draft_buf, 4, 5, false)[1] or ''
local col = line5:find('Specific proposals', 1, true)
vim.api.nvim_win_set_cursor(0, { 5, (col or 1) + 3 })
vim.fn.setqflist({}, 'r')
vim.lsp.buf.definition()
local jumped = vim.wait(TIMEOUT_MS, function()
  local name = vim.api.nvim_buf_get_name(0)
  return name:sub(1, #sources_dir) == sources_dir or #vim.fn.getqflist() > 0
end, 50)
if jumped and vim.api.nvim_buf_get_name(0):sub(1, #sources_dir) ~= sources_dir then
  -- Several definitions: Neovim lists them in the quickfix list; open the first.
  vim.cmd('cclose')
  vim.cmd('silent cc 1')
end
local landed = vim.api.nvim_buf_get_name(0)
local cursor = vim.api.nvim_win_get_cursor(0)
local here = table.concat(vim.api.nvim_buf_get_lines(0, cursor[1] - 1, cursor[1] + 1, false), ' ')
here = here:sub(cursor[2] + 1, cursor[2] + 400)
check(
  'go-to-definition on the quote in line 5 lands in a source file',
  landed:sub(1, #sources_dir) == sources_dir,
  jumped and ('landed in ' .. landed) or 'no definition arrived'
)
check(
  'the definition is the quoted passage ("... refugees can return home ...")',
  here:find('refugees can return home', 1, true) ~= nil,
  string.format('%s:%d:%d reads %q', vim.fs.basename(landed), cursor[1], cursor[2] + 1, here:sub(1, 120))
)

-- :SourcedSources on the Mattis quote of line 13 lists breitbart.txt in the quickfix list.
vim.api.nvim_set_current_buf(draft_buf)
local line13 = vim.api.nvim_buf_get_lines(draft_buf, 12, 13, false)[1] or ''
local col13 = line13:find('all for re-opening', 1, true)
vim.api.nvim_win_set_cursor(0, { 13, (col13 or 1) + 2 })
vim.fn.setqflist({}, 'r')
local sources_items
require('sourced').sources({
  on_done = function(items)
    sources_items = items or {}
  end,
})
vim.wait(TIMEOUT_MS, function()
  return sources_items ~= nil
end, 50)
local qf = vim.fn.getqflist()
local in_breitbart = false
for _, item in ipairs(qf) do
  if vim.api.nvim_buf_get_name(item.bufnr):sub(-#'sources/breitbart.txt') == 'sources/breitbart.txt' then
    in_breitbart = true
  end
end
check(
  ':SourcedSources on the Mattis quote (line 13) lists breitbart.txt in the quickfix list',
  in_breitbart,
  sources_items == nil and 'no answer' or ('quickfix: ' .. vim.inspect(vim.tbl_map(function(i)
    return vim.fs.basename(vim.api.nvim_buf_get_name(i.bufnr)) .. ':' .. i.lnum
  end, qf)))
)
vim.cmd('cclose')

-- :SourcedReindex makes the server re-read the corpus and report `ready` again.
local sourced = require('sourced')
local before = sourced.statuses[client.id]
sourced.statuses[client.id] = nil
vim.api.nvim_set_current_buf(draft_buf)
vim.cmd('SourcedReindex')
local reindexed = vim.wait(TIMEOUT_MS, function()
  local s = sourced.statuses[client.id]
  return s ~= nil and s.state == 'ready'
end, 50)
local after = sourced.statuses[client.id]
check(
  ':SourcedReindex is followed by a sourced/status "ready" with the corpus size',
  reindexed and after ~= nil and (tonumber(after.sources) or 0) == 3,
  string.format('before: %s, after: %s', vim.inspect(before), vim.inspect(after))
)

-- Hover on the quote of line 7 (K): the floating window names the sources that have it.
vim.api.nvim_set_current_buf(draft_buf)
local line7 = vim.api.nvim_buf_get_lines(draft_buf, 6, 7, false)[1] or ''
vim.api.nvim_win_set_cursor(0, { 7, (line7:find('Russian proposals', 1, true) or 1) + 2 })
local function float_text()
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      return table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), '\n')
    end
  end
  return nil
end
vim.lsp.buf.hover()
vim.wait(TIMEOUT_MS, function()
  return float_text() ~= nil
end, 50)
local hover = float_text() or ''
check(
  'the hover on the quote of line 7 names its sources (afp-wire-rewrite.txt and arab-news.txt)',
  hover:find('afp-wire-rewrite.txt', 1, true) ~= nil and hover:find('arab-news.txt', 1, true) ~= nil,
  string.format('hover: %q', hover:sub(1, 300))
)
for _, win in ipairs(vim.api.nvim_list_wins()) do
  if vim.api.nvim_win_get_config(win).relative ~= '' then
    vim.api.nvim_win_close(win, true)
  end
end

-- The quick fix of the wrong title on line 17, applied: the title is corrected and its
-- finding goes, and only that one. (The buffer is not written: the fixture stays as it is.)
vim.api.nvim_win_set_cursor(0, { 17, 2 })
local offered = {}
vim.lsp.buf.code_action({
  apply = true,
  filter = function(action)
    table.insert(offered, action.title)
    return action.title:find('Russian Defense Minister', 1, true) ~= nil
  end,
})
local fixed = vim.wait(TIMEOUT_MS, function()
  return (vim.api.nvim_buf_get_lines(draft_buf, 16, 17, false)[1] or ''):find('Russian Defense Minister', 1, true) ~= nil
end, 50)
check(
  'the quick fix "Change the title to Russian Defense Minister" is applied to line 17',
  fixed,
  'offered: ' .. table.concat(offered, '; ')
)
local rest = vim.tbl_filter(function(e)
  return e.code ~= 'title-mismatch'
end, expected)
vim.wait(TIMEOUT_MS, function()
  return exactly(sourced_diagnostics(), rest)
end, 100)
check(
  'after the quick fix, the other four findings remain, each exactly once',
  exactly(sourced_diagnostics(), rest),
  'got ' .. describe(serious(vim.diagnostic.get(draft_buf))) .. '; expected ' .. listing(rest)
)

-- Archived evidence opens as a sourced:// buffer whose text the server gives; this story
-- has no archive, so the server's refusal is what the reporter reads, and the buffer is
-- read-only and gets no server of its own.
local refusals = {}
local notify_before = vim.notify
vim.notify = function(msg)
  table.insert(refusals, msg)
end
vim.cmd.edit('sourced://archive/1/afp-0720.txt')
vim.notify = notify_before
local archived_buf = vim.api.nvim_get_current_buf()
check(
  'a sourced://archive buffer is asked of the server, which says no archive is configured',
  #refusals == 1
    and refusals[1] == 'Sourced: cannot show the archived source sourced://archive/1/afp-0720.txt: no archive is configured'
    and vim.bo[archived_buf].buftype == 'nofile'
    and #vim.lsp.get_clients({ bufnr = archived_buf, name = 'sourced' }) == 0,
  'notes: ' .. table.concat(refusals, ' | ') .. '; buftype=' .. vim.bo[archived_buf].buftype
)
vim.cmd('bwipeout!')

-- A story whose sources are only in an archive, their files gone from this machine:
-- go-to-definition on a quote opens the archived text that the server gives, read-only,
-- with no server of its own.
local archive_story = arg[3] and vim.fs.normalize(vim.fn.fnamemodify(arg[3], ':p')):gsub('/$', '')
if archive_story then
  vim.cmd.edit(vim.fn.fnameescape(archive_story .. '/draft.md'))
  local story_buf = vim.api.nvim_get_current_buf()
  -- The archive's findings arrive after the first check: wait for the altered quote.
  local arrived = vim.wait(60000, function()
    return has(vim.diagnostic.get(story_buf), 9, 'altered-quote')
  end, 100)
  local line9 = vim.api.nvim_buf_get_lines(story_buf, 8, 9, false)[1] or ''
  vim.api.nvim_win_set_cursor(0, { 9, (line9:find('voluntary process', 1, true) or 1) + 2 })
  vim.fn.setqflist({}, 'r')
  vim.lsp.buf.definition()
  local function in_archive()
    return vim.api.nvim_buf_get_name(0):find('^sourced://archive/') ~= nil
  end
  vim.wait(TIMEOUT_MS, function()
    return in_archive() or #vim.fn.getqflist() > 0
  end, 50)
  if not in_archive() and #vim.fn.getqflist() > 0 then
    vim.cmd('cclose')
    vim.cmd('silent cc 1')
  end
  local name = vim.api.nvim_buf_get_name(0)
  local row = vim.api.nvim_win_get_cursor(0)[1]
  local here = vim.api.nvim_get_current_line()
  check(
    'go-to-definition on an archived quote opens the read-only archived source at its line, with no server',
    arrived
      and name:match('^sourced://archive/%d+/afp%-wire%-rewrite%.txt$') ~= nil
      and row == 9
      and here:find('through a voluntary mechanism', 1, true) ~= nil
      and vim.bo.readonly
      and not vim.bo.modifiable
      and vim.bo.buftype == 'nofile'
      and #vim.lsp.get_clients({ bufnr = 0, name = 'sourced' }) == 0,
    string.format('findings arrived: %s; %s:%d reads %q', tostring(arrived), name, row, here:sub(1, 100))
  )
  for _, other in ipairs(vim.lsp.get_clients({ name = 'sourced' })) do
    if other.id ~= client.id then
      other:stop()
    end
  end
  vim.api.nvim_set_current_buf(draft_buf)
end

-- :checkhealth sourced says what runs and what it found.
local function checkhealth()
  vim.cmd('silent checkhealth sourced')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  vim.cmd('bwipeout!')
  return text
end
vim.api.nvim_set_current_buf(draft_buf)
local report = checkhealth()
check(
  ':checkhealth sourced finds the server on PATH and reports the story\'s 3 sources',
  report:find('OK sourced %d+%.%d+%.%d+ %(' .. vim.pesc(bin_dir) .. '/sourced%)') ~= nil
    and report:find('OK the server is ready: 3 sources indexed', 1, true) ~= nil
    and report:find('ERROR', 1, true) == nil,
  report
)

-- A Markdown file in a folder with neither sourced.toml nor sources/ gets no server.
local elsewhere = vim.fn.tempname()
vim.fn.mkdir(elsewhere, 'p')
vim.cmd.edit(vim.fn.fnameescape(elsewhere .. '/notes.md'))
local notes_buf = vim.api.nvim_get_current_buf()
local started = vim.wait(1000, function()
  return #vim.lsp.get_clients({ bufnr = notes_buf, name = 'sourced' }) > 0
end, 50)
check(
  'no server for a Markdown file outside a story folder (no sourced.toml or sources/ at or above it)',
  vim.bo[notes_buf].filetype == 'markdown' and not started,
  'filetype=' .. vim.bo[notes_buf].filetype .. (started and ', but sourced attached' or '')
)
vim.fn.delete(elsewhere, 'rf')

-- A configured path that is not there: setup() and :checkhealth sourced both say so.
local notes = {}
local notify = vim.notify
vim.notify = function(msg)
  table.insert(notes, msg)
end
require('sourced').setup({ server_path = '/nonexistent/bin/sourced', enable = false })
vim.notify = notify
vim.api.nvim_set_current_buf(draft_buf)
report = checkhealth()
check(
  'with server_path naming a missing file, setup() warns and :checkhealth sourced reports the error and the fix',
  table.concat(notes, '\n'):find('/nonexistent/bin/sourced', 1, true) ~= nil
    and report:find('ERROR cannot start the server: `/nonexistent/bin/sourced` is not an executable file', 1, true) ~= nil
    and report:find('cargo install', 1, true) ~= nil,
  'notes: ' .. table.concat(notes, ' | ') .. '\nreport:\n' .. report
)
vim.fn.delete(bin_dir, 'rf')

finish()
