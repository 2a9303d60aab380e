-- :checkhealth sourced — what Sourced needs, and what is missing.
local M = {}

function M.check()
  local health = vim.health
  health.start('Neovim')
  if vim.fn.has('nvim-0.11') == 1 then
    health.ok('Neovim ' .. tostring(vim.version()) .. ' (0.11 or newer: vim.lsp.config and vim.lsp.enable)')
  else
    health.error('Neovim ' .. tostring(vim.version()) .. ' is too old', { 'Sourced needs Neovim 0.11 or newer.' })
    return
  end

  local sourced = require('sourced')
  health.start('The sourced server')
  if not vim.lsp.config.sourced then
    health.error('no `sourced` LSP configuration', {
      "Put the plugin's folder (editors/neovim) on 'runtimepath', e.g. with a plugin manager, and call require('sourced').setup().",
    })
    return
  end
  local found = sourced.server_program()
  if not found.path then
    health.error('cannot start the server: ' .. found.why, { sourced.install_hint })
  else
    local run = vim.system({ found.path, '--version' }, { text = true }):wait(5000)
    local version = vim.trim(run.stdout or '')
    if run.code == 0 and version:match('^sourced ') then
      health.ok(string.format('%s (%s)', version, found.path))
    else
      health.error(
        string.format('%s does not answer `--version` (exit %s): %s', found.path, tostring(run.code), vim.trim(run.stderr or '')),
        { 'Rebuild or reinstall the server.', sourced.install_hint }
      )
    end
  end
  if vim.lsp.is_enabled and not vim.lsp.is_enabled('sourced') then
    health.warn('the server is configured but not enabled', { "require('sourced').setup() enables it (or vim.lsp.enable('sourced'))." })
  end

  -- :checkhealth shows its report in a buffer of its own: the draft is the file buffer
  -- used last.
  local bufnr
  local infos = vim.fn.getbufinfo({ buflisted = 1 })
  table.sort(infos, function(a, b)
    return a.lastused > b.lastused
  end)
  for _, info in ipairs(infos) do
    if info.name ~= '' and vim.bo[info.bufnr].buftype == '' then
      bufnr = info.bufnr
      break
    end
  end
  if not bufnr then
    health.start('The draft')
    health.info('no file is open: open a draft and run :checkhealth sourced again')
    return
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  health.start('The draft ' .. vim.fn.fnamemodify(name, ':~:.'))
  local root = sourced.corpus_root(bufnr)
  if not root then
    health.warn(
      string.format('%s has no story folder: no sourced.toml and no sources/ folder at or above it', vim.fs.basename(name)),
      { 'Add a sourced.toml with [corpus] paths, or put the sources in a sources/ folder beside the draft.' }
    )
    return
  end
  health.ok('story folder: ' .. root)
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'sourced' })[1]
  if not client then
    local filetypes = (vim.lsp.config.sourced or {}).filetypes or {}
    health.warn(
      string.format('no Sourced server is attached to this buffer (filetype %q)', vim.bo[bufnr].filetype),
      { 'It starts for the filetypes ' .. table.concat(filetypes, ', ') .. '.' }
    )
    return
  end
  local status = sourced.statuses[client.id]
  if not status then
    health.info('the server is starting')
  elseif status.state == 'ready' then
    local n = tonumber(status.sources) or 0
    health.ok(string.format('the server is ready: %d source%s indexed', n, n == 1 and '' or 's'))
  elseif status.state == 'error' then
    health.error('the sources could not be indexed: ' .. tostring(status.message))
  elseif status.state == 'no-corpus' then
    health.warn('the server found no sources for this draft: ' .. tostring(status.message))
  else
    health.info('the server is ' .. tostring(status.state))
  end
end

return M
