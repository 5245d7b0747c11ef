-- Loaded by Neovim at startup: does nothing unless `vim.g.smallcode_auto_setup` is true, in which case
-- it calls require('smallcode').setup(vim.g.smallcode or {}). Most users call setup() from init.lua instead.
if vim.g.loaded_smallcode then
  return
end
vim.g.loaded_smallcode = true
if vim.g.smallcode_auto_setup then
  require('smallcode').setup(vim.g.smallcode or {})
end
