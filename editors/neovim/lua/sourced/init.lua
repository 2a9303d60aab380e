-- Sourced for Neovim: starts `sourced lsp` for drafts in a story folder, and adds
-- :SourcedReindex and :SourcedSources.
--
--   require('sourced').setup({
--     server_path = nil,          -- the `sourced` binary; default: `sourced` on PATH
--     cmd = nil,                  -- or the whole command, e.g. { '/path/sourced', 'lsp' }
--     filetypes = nil,            -- default { 'markdown', 'text' }
--     settings = nil,             -- the server's settings, e.g.
--                                 -- { corpus = { paths = { 'sources' } }, debounceMs = 150,
--                                 --   severity = { ['unattributed-quote'] = 'off' } }
--     enable = true,              -- call vim.lsp.enable('sourced')
--   })
--
-- Only settings given here are sent: the story's sourced.toml decides everything else.

local M = {}

--- The last `sourced/status` notification per client id.
---@type table<integer, {state: string, sources: integer, bytes: integer, percentage: number?, message: string}>
M.statuses = {}

local function notify(msg, level)
  vim.notify('Sourced: ' .. msg, level or vim.log.levels.INFO)
end

local function is_file(path)
  local stat = vim.uv.fs_stat(path)
  return stat ~= nil and stat.type == 'file'
end

local function is_dir(path)
  local stat = vim.uv.fs_stat(path)
  return stat ~= nil and stat.type == 'directory'
end

--- The story folder of a buffer: the nearest folder at or above the buffer's file that has a
--- sourced.toml, else the nearest one that has a sources/ folder; nil when there is none.
---@param bufnr integer
---@return string?
function M.corpus_root(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local dir = vim.fs.dirname(vim.fs.normalize(vim.fn.fnamemodify(name, ':p')))
  local dirs = { dir }
  for parent in vim.fs.parents(dir) do
    table.insert(dirs, parent)
  end
  for _, d in ipairs(dirs) do
    if is_file(d .. '/sourced.toml') then
      return d
    end
  end
  for _, d in ipairs(dirs) do
    if is_dir(d .. '/sources') then
      return d
    end
  end
  return nil
end

--- Handler of the server's `sourced/status` notification.
function M.on_status(_, result, ctx)
  if type(result) ~= 'table' or type(result.state) ~= 'string' then
    return
  end
  local previous = M.statuses[ctx.client_id]
  M.statuses[ctx.client_id] = result
  if result.state == 'error' and (not previous or previous.state ~= 'error' or previous.message ~= result.message) then
    notify('the sources could not be indexed: ' .. tostring(result.message), vim.log.levels.WARN)
  end
  vim.api.nvim_exec_autocmds('User', { pattern = 'SourcedStatus', modeline = false, data = result })
end

local function human_bytes(bytes)
  local units = { 'B', 'KB', 'MB', 'GB' }
  local value, unit = tonumber(bytes) or 0, 1
  while value >= 1024 and unit < #units do
    value = value / 1024
    unit = unit + 1
  end
  if unit == 1 then
    return string.format('%d B', value)
  end
  return string.format('%.1f %s', value, units[unit])
end

--- A short status for the statusline of the current buffer ('' when Sourced is not attached),
--- e.g. `Sourced: 3 sources, 8.6 KB` or `Sourced: indexing 40%`.
---@return string
function M.statusline()
  local client = vim.lsp.get_clients({ bufnr = 0, name = 'sourced' })[1]
  if not client then
    return ''
  end
  local s = M.statuses[client.id]
  if not s then
    return 'Sourced: starting'
  end
  if s.state == 'indexing' then
    return s.percentage and string.format('Sourced: indexing %d%%', s.percentage) or 'Sourced: indexing'
  elseif s.state == 'ready' then
    local n = tonumber(s.sources) or 0
    return string.format('Sourced: %d source%s, %s', n, n == 1 and '' or 's', human_bytes(s.bytes))
  elseif s.state == 'no-corpus' then
    return 'Sourced: no sources'
  end
  return 'Sourced: error'
end

--- The Sourced client of a buffer, or nil after telling the user why there is none.
local function client_for(bufnr)
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'sourced' })[1]
  if not client then
    notify(
      'no Sourced server runs for this buffer (it starts for Markdown and text files in a folder '
        .. 'with a sourced.toml or a sources/ folder, at or above the file).',
      vim.log.levels.WARN
    )
  end
  return client
end

--- Ask the server to re-read the corpus.
function M.reindex()
  local bufnr = vim.api.nvim_get_current_buf()
  local clients = vim.lsp.get_clients({ bufnr = bufnr, name = 'sourced' })
  if #clients == 0 then
    clients = vim.lsp.get_clients({ name = 'sourced' })
  end
  if #clients == 0 then
    client_for(bufnr)
    return
  end
  for _, client in ipairs(clients) do
    client:request('workspace/executeCommand', { command = 'sourced.reindex', arguments = {} }, function(err)
      if err then
        notify('re-indexing failed: ' .. tostring(err.message), vim.log.levels.ERROR)
      else
        notify('re-indexing the sources')
      end
    end, bufnr)
  end
end

--- Quickfix items for the passages of a `sourced.showSources` answer.
---@param passages table[]
---@param encoding string the client's offset encoding
---@return table[]
function M.source_items(passages, encoding)
  local items = {}
  for _, p in ipairs(passages) do
    if type(p) == 'table' and type(p.uri) == 'string' and type(p.range) == 'table' then
      local item = vim.lsp.util.locations_to_items({ { uri = p.uri, range = p.range } }, encoding)[1]
      if item then
        local label = {}
        for _, part in ipairs({ p.title, p.outlet }) do
          if type(part) == 'string' and part ~= '' then
            table.insert(label, part)
          end
        end
        local text = type(p.text) == 'string' and p.text:gsub('%s+', ' ') or ''
        item.text = (#label > 0 and ('[' .. table.concat(label, ' · ') .. '] ') or '') .. text
        item.user_data = p
        table.insert(items, item)
      end
    end
  end
  return items
end

--- List the sources of the quote or person under the cursor in the quickfix list.
---@param opts? {on_done?: fun(items: table[]?)} on_done: called when the answer is handled
function M.sources(opts)
  opts = opts or {}
  local done = opts.on_done or function() end
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_for(bufnr)
  if not client then
    return done(nil)
  end
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local arg = { uri = params.textDocument.uri, position = params.position }
  client:request('workspace/executeCommand', { command = 'sourced.showSources', arguments = { arg } }, function(err, result)
    if err then
      notify('showSources failed: ' .. tostring(err.message), vim.log.levels.ERROR)
      return done(nil)
    end
    if result ~= nil and type(result) ~= 'table' then
      notify('the server answered showSources with something that is not a list', vim.log.levels.ERROR)
      return done(nil)
    end
    local items = M.source_items(result or {}, client.offset_encoding)
    if #items == 0 then
      notify('the sources say nothing about what is under the cursor')
      return done(items)
    end
    vim.fn.setqflist({}, ' ', { title = 'Sourced: sources', items = items })
    vim.cmd('botright copen')
    done(items)
  end, bufnr)
end

--- Fill buffer `bufnr` with the archived source `uri` (`sourced://archive/ID/NAME`, where
--- the server points archived evidence that is not a file on this machine), asked of the
--- server with `sourced.archiveDocument`. The buffer is read-only and never a draft.
---@param bufnr integer
---@param uri string
---@return boolean filled false when the server could not give the text (a message says why)
function M.read_archived(bufnr, uri)
  local function refuse(why)
    notify('cannot show the archived source ' .. uri .. ': ' .. why, vim.log.levels.ERROR)
    return false
  end
  -- Not a file: no swap file, nothing to write, and no server attaches to it as a draft.
  vim.bo[bufnr].buftype = 'nofile'
  vim.bo[bufnr].swapfile = false
  -- Each story has its own server, and only those configured with the archive can give
  -- its text: ask each in turn, the server of the buffer the reporter came from first.
  local clients = vim.lsp.get_clients({ name = 'sourced' })
  if #clients == 0 then
    return refuse('the language server is not running')
  end
  local from = vim.fn.bufnr('#')
  table.sort(clients, function(a, b)
    local a_here = from > 0 and a.attached_buffers[from] == true
    local b_here = from > 0 and b.attached_buffers[from] == true
    if a_here ~= b_here then
      return a_here
    end
    return a.id < b.id
  end)
  local params = { command = 'sourced.archiveDocument', arguments = { { uri = uri } } }
  local doc
  local refusals = {}
  for _, client in ipairs(clients) do
    local answer, err = client:request_sync('workspace/executeCommand', params, 15000, bufnr)
    local why
    if not answer then
      why = tostring(err)
    elseif answer.err then
      why = tostring(answer.err.message)
    elseif type(answer.result) ~= 'table' or type(answer.result.text) ~= 'string' then
      why = "the server's answer was not a document"
    else
      doc = answer.result
      break
    end
    if not vim.tbl_contains(refusals, why) then
      table.insert(refusals, why)
    end
  end
  if not doc then
    return refuse(table.concat(refusals, '; '))
  end
  vim.bo[bufnr].modifiable = true
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, vim.split(doc.text, '\n', { plain = true }))
  vim.bo[bufnr].modifiable = false
  vim.bo[bufnr].readonly = true
  vim.bo[bufnr].modified = false
  local filetype = vim.filetype.match({ filename = uri:match('[^/]+$') or uri, buf = bufnr })
  if filetype then
    vim.bo[bufnr].filetype = filetype
  end
  return true
end

--- The server program the configuration names, and where it was found: `path` is nil when
--- it cannot be run, with `why` saying what is missing.
---@return {program: string, path: string?, why: string?}
function M.server_program()
  local config = vim.lsp.config.sourced or {}
  local cmd = config.cmd
  if type(cmd) ~= 'table' or type(cmd[1]) ~= 'string' then
    return { program = tostring(cmd), why = 'the configured command is not a list of strings' }
  end
  local program = cmd[1]
  local path = vim.fn.exepath(program)
  if path == '' then
    local where = program:find('/', 1, true) and 'is not an executable file'
      or 'is not on PATH (' .. (vim.env.PATH or '') .. ')'
    return { program = program, why = string.format('`%s` %s', program, where) }
  end
  return { program = program, path = path }
end

M.install_hint = 'Install it with `cargo install --path .` in a checkout of Sourced (it goes to ~/.cargo/bin, '
  .. 'which must be on PATH), or name it: setup({ server_path = "/path/to/sourced" }).'

--- Configure and enable the server, and add the user commands.
---@param opts? table see the top of this file
function M.setup(opts)
  opts = opts or {}
  if vim.fn.has('nvim-0.11') ~= 1 then
    notify('this plugin needs Neovim 0.11 or newer (vim.lsp.config / vim.lsp.enable).', vim.log.levels.ERROR)
    return
  end
  local config = {}
  if opts.cmd then
    config.cmd = opts.cmd
  elseif opts.server_path then
    config.cmd = { opts.server_path, 'lsp' }
  end
  if opts.filetypes then
    config.filetypes = opts.filetypes
  end
  if opts.settings then
    config.init_options = opts.settings
    config.settings = { sourced = opts.settings }
  end
  vim.lsp.config('sourced', config)

  local found = M.server_program()
  if not found.path then
    notify('cannot start the server: ' .. found.why .. '. ' .. M.install_hint .. ' (:checkhealth sourced)', vim.log.levels.WARN)
  end

  vim.api.nvim_create_user_command('SourcedReindex', function()
    M.reindex()
  end, { desc = 'Sourced: re-read the story sources' })
  vim.api.nvim_create_user_command('SourcedSources', function()
    M.sources()
  end, { desc = 'Sourced: list the sources of the quote or person under the cursor' })

  vim.api.nvim_create_autocmd('BufReadCmd', {
    group = vim.api.nvim_create_augroup('sourced_archived', { clear = true }),
    pattern = 'sourced://*',
    desc = 'Sourced: show an archived source as the server gives it',
    callback = function(ev)
      M.read_archived(ev.buf, ev.match)
    end,
  })

  if opts.enable ~= false then
    vim.lsp.enable('sourced')
  end
end

return M
