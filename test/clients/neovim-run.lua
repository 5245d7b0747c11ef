-- Driven by test/clients/neovim.test.ts: `nvim --headless -u NONE -l`-free form (`-c luafile`), so it
-- works on Neovim 0.7.2. Loads clients/neovim, starts the server on SC_ROOT against the scripted model
-- server, opens a file, runs :SmallCodeRun and writes what happened to SC_RESULT as JSON, then quits.
local env = vim.env
local out = { steps = {} }

local function finish(code)
  local buf = vim.fn.bufnr(env.SC_ROOT .. '/' .. env.SC_FILE)
  if buf > 0 and out.buffer == nil then
    out.buffer = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
  end
  out.messages = vim.fn.execute('messages')
  local f = assert(io.open(env.SC_RESULT, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd((code == 0 and 'qall!') or ('cquit! ' .. code))
end

local ok, err = pcall(function()
  vim.opt.runtimepath:prepend(env.SC_PLUGIN)
  vim.cmd('filetype on')
  local sc = require('smallcode')
  sc.setup({
    cmd = { env.SC_NODE, env.SC_LSP_BIN, '--stdio' },
    filetypes = { 'javascript' },
    settings = {
      SMALLCODE_BASE_URL = env.SC_BASE_URL,
      SMALLCODE_MODEL = 'qwen2.5-coder:7b',
      SMALLCODE_AUTO_APPROVE = true,
      SMALLCODE_TEST_DISABLE = true,
    },
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(env.SC_ROOT .. '/' .. env.SC_FILE))
  out.filetype = vim.bo.filetype
  local attached = vim.wait(60000, function()
    local c = sc.client()
    return c ~= nil and c.server_capabilities ~= nil and vim.lsp.buf_is_attached(0, c.id)
  end, 50)
  table.insert(out.steps, 'attached=' .. tostring(attached))
  if not attached then
    error('the smallcode client did not attach')
  end
  -- Give the server its initialized notification and didOpen before the task starts.
  vim.wait(300)
  vim.cmd('SmallCodeRun ' .. env.SC_TASK)
  if env.SC_SCENARIO == 'cancel' then
    -- The scripted model never answers: wait until the task is running, then cancel it.
    local started = vim.wait(20000, function()
      return next(sc.state.running) ~= nil
    end, 50)
    vim.wait(1500)
    table.insert(out.steps, 'started=' .. tostring(started))
    vim.cmd('SmallCodeCancel')
    -- Neovim drops the callback of a cancelled request: nothing comes back for it. Stay until the
    -- test has seen the server abandon the model request (it then creates SC_GO_ON).
    vim.wait(30000, function()
      return vim.loop.fs_stat(env.SC_GO_ON) ~= nil
    end, 50)
    out.events = sc.state.events
    out.error = sc.state.last_error
    out.result = sc.state.last_result
    out.running_after = vim.tbl_count(sc.state.running)
    out.cancelled = sc.state.cancelled
    vim.cmd('SmallCodePlan')
    vim.wait(10000, function()
      return vim.bo.filetype == 'markdown'
    end, 50)
    out.plan = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
    out.buffer = table.concat(vim.api.nvim_buf_get_lines(vim.fn.bufnr(env.SC_ROOT .. '/' .. env.SC_FILE), 0, -1, false), '\n') .. '\n'
    return
  end
  local done = vim.wait(90000, function()
    return sc.state.last_result ~= nil or sc.state.last_error ~= nil
  end, 50)
  table.insert(out.steps, 'done=' .. tostring(done))
  out.result = sc.state.last_result
  out.error = sc.state.last_error
  out.events = sc.state.events
  out.last_task = sc.state.last_task
  -- The applyEdit may still be in flight when the response lands: wait for the buffer to change.
  local before = env.SC_EXPECT
  vim.wait(5000, function()
    local lines = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n') .. '\n'
    return lines == before
  end, 50)
  out.buffer = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n') .. '\n'
  if env.SC_ROLLBACK == '1' then
    vim.cmd('SmallCodeRollback')
    vim.wait(10000, function()
      return sc.state.last_rollback ~= nil
    end, 50)
    out.rollback = sc.state.last_rollback
    vim.wait(5000, function()
      local lines = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n') .. '\n'
      return lines ~= before
    end, 50)
    out.buffer_after_rollback = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n') .. '\n'
  end
end)
if not ok then
  out.failure = tostring(err)
end
finish(0)
