-- The Sourced language server, for Neovim 0.11's vim.lsp.config / vim.lsp.enable.
--
-- With this folder on 'runtimepath', `vim.lsp.enable('sourced')` starts `sourced lsp` for
-- Markdown and text buffers whose folder (or a folder above it) holds a sourced.toml or a
-- sources/ folder. require('sourced').setup() does that and adds the :Sourced commands.

---@type vim.lsp.Config
return {
  cmd = { 'sourced', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_dir = function(bufnr, on_dir)
    local root = require('sourced').corpus_root(bufnr)
    if root then
      on_dir(root)
    end
  end,
  handlers = {
    ['sourced/status'] = function(err, result, ctx)
      require('sourced').on_status(err, result, ctx)
    end,
  },
}
