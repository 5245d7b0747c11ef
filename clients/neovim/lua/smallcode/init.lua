-- SmallCode for Neovim: starts `smallcode-lsp --stdio` as an LSP client and adds :SmallCodeRun,
-- :SmallCodeRollback, :SmallCodePlan, :SmallCodeCancel and :SmallCodeStats. It applies no edit itself:
-- the server sends workspace/applyEdit and Neovim's built-in handler applies it.
-- Works on Neovim 0.7.2 (vim.lsp.start_client + autocmds) and uses vim.lsp.config / vim.lsp.enable on 0.11+.

local M = {}

local NAME = 'smallcode'

local defaults = {
  -- The server command; `smallcode-lsp` comes with `npm install -g smallcode`.
  cmd = { 'smallcode-lsp', '--stdio' },
  -- SMALLCODE_* settings, sent as initializationOptions and answered to workspace/configuration.
  settings = {},
  -- nil: attach to every buffer that is a file; otherwise a list of filetypes.
  filetypes = nil,
  -- A directory, or a function(bufnr) -> directory; nil: search upward for root_markers.
  root_dir = nil,
  root_markers = { '.git', '.smallcode', 'package.json', 'pyproject.toml', 'go.mod', 'Cargo.toml' },
  -- Show smallcode/taskEvent notifications (tool calls, plan, errors) with vim.notify.
  notify_events = true,
  -- Use the 0.11+ vim.lsp.config / vim.lsp.enable API when present.
  use_lsp_config = true,
}

M.config = vim.deepcopy(defaults)

-- What the commands know: the last task, the running requests, events seen (handy for scripts).
M.state = {
  last_task = nil,
  last_result = nil,
  running = {}, -- request id -> { client_id = n, task = text, task_id = string|nil }
  events = {},
  cancelled = {}, -- { task = text, task_id = string|nil } for each task cancelled here
  clients = {}, -- root dir -> client id (0.7-0.10 path)
}

local levels = vim.log.levels

local function notify(msg, level)
  vim.notify('[smallcode] ' .. msg, level or levels.INFO)
end

local function has(version)
  return vim.fn.has('nvim-' .. version) == 1
end

-- client:request on 0.11+, client.request before.
local function request(client, method, params, handler, bufnr)
  if has('0.11') then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function cancel_request(client, id)
  if has('0.11') then
    return client:cancel_request(id)
  end
  return client.cancel_request(id)
end

local function all_clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = NAME })
  end
  local out = {}
  for _, c in pairs(vim.lsp.get_active_clients()) do
    if c.name == NAME then
      table.insert(out, c)
    end
  end
  return out
end

--- The smallcode client for a buffer (the one attached to it, else any running one).
function M.client(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local any = nil
  for _, c in ipairs(all_clients()) do
    if vim.lsp.buf_is_attached(bufnr, c.id) then
      return c
    end
    any = any or c
  end
  return any
end

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

local function find_root(bufnr)
  local root = M.config.root_dir
  if type(root) == 'function' then
    root = root(bufnr)
  end
  if type(root) == 'string' and root ~= '' then
    return root
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.loop.cwd()
  while dir and dir ~= '' do
    for _, marker in ipairs(M.config.root_markers) do
      if exists(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return vim.loop.cwd()
end

local function lsp_settings()
  -- workspace/configuration asks for section "smallcode"; initializationOptions carries the same.
  return { smallcode = M.config.settings }
end

local function describe_event(ev)
  if ev.kind == 'tool_start' then
    local target = ev.args and (ev.args.path or ev.args.command or ev.args.pattern or ev.args.query) or ''
    return string.format('%s %s', ev.name or '?', tostring(target))
  elseif ev.kind == 'tool_end' then
    return string.format('%s %s (%d ms)', ev.name or '?', ev.ok and 'ok' or 'failed', ev.ms or 0)
  elseif ev.kind == 'plan' then
    return 'plan:\n' .. (ev.text or '')
  elseif ev.kind == 'error' then
    return 'error: ' .. (ev.text or '')
  end
  return ev.text or ev.kind
end

local function on_task_event(_, ev)
  if type(ev) ~= 'table' then
    return
  end
  table.insert(M.state.events, ev)
  if ev.taskId then
    M.state.last_task = ev.taskId
    for _, r in pairs(M.state.running) do
      r.task_id = r.task_id or ev.taskId
    end
  end
  if M.config.notify_events and ev.kind ~= 'message' then
    notify(describe_event(ev), ev.kind == 'error' and levels.WARN or levels.INFO)
  end
end

local handlers = {
  ['smallcode/taskEvent'] = on_task_event,
}

local function client_config(root)
  return {
    name = NAME,
    cmd = M.config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = lsp_settings(),
    settings = lsp_settings(),
    handlers = handlers,
  }
end

local function wants(bufnr)
  if vim.bo[bufnr].buftype ~= '' or vim.api.nvim_buf_get_name(bufnr) == '' then
    return false
  end
  local fts = M.config.filetypes
  if not fts then
    return true
  end
  return vim.tbl_contains(fts, vim.bo[bufnr].filetype)
end

--- Starts (once per root) and attaches the client to `bufnr` (0.7-0.10 path; also usable by hand).
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if not wants(bufnr) then
    return nil
  end
  local root = find_root(bufnr)
  local id = M.state.clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(client_config(root))
    if not id then
      notify('could not start ' .. table.concat(M.config.cmd, ' '), levels.ERROR)
      return nil
    end
    M.state.clients[root] = id
  end
  if not vim.lsp.buf_is_attached(bufnr, id) then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

local function with_client(fn)
  local client = M.client()
  if not client then
    local id = M.attach()
    client = id and vim.lsp.get_client_by_id(id) or nil
  end
  if not client then
    notify('no smallcode server for this buffer (open a file in the project first)', levels.WARN)
    return
  end
  fn(client)
end

local function error_text(err)
  if type(err) == 'table' then
    local msg = err.message or vim.inspect(err)
    if type(err.data) == 'table' and err.data.next then
      msg = msg .. ' ' .. err.data.next
    end
    return msg
  end
  return tostring(err)
end

--- Runs a task (`smallcode/runTask`); `opts.mode` "apply" (default) or "propose", `opts.context` a list of {uri, range}.
function M.run(task, opts)
  opts = opts or {}
  if not task or task:match('^%s*$') then
    notify('usage: :SmallCodeRun {task}', levels.WARN)
    return
  end
  with_client(function(client)
    local bufnr = vim.api.nvim_get_current_buf()
    local params = { task = task, mode = opts.mode or 'apply' }
    if opts.context then
      params.context = opts.context
    end
    local req_id
    local ok, id = request(client, 'smallcode/runTask', params, function(err, result)
      M.state.running[req_id] = nil
      if err then
        notify('task failed: ' .. error_text(err), levels.ERROR)
        M.state.last_error = err
        return
      end
      M.state.last_task = result.taskId
      M.state.last_result = result
      local files = {}
      vim.list_extend(files, result.filesCreated or {})
      vim.list_extend(files, result.filesEdited or {})
      local msg = string.format('%s %s', result.taskId, result.summary or '')
      if result.response and result.response ~= '' then
        msg = msg .. '\n' .. result.response
      end
      notify(msg, result.success and levels.INFO or levels.WARN)
      if opts.on_done then
        opts.on_done(result)
      end
    end, bufnr)
    if not ok then
      notify('the server is not running', levels.ERROR)
      return
    end
    req_id = id
    M.state.running[id] = { client_id = client.id, task = task }
    notify('started: ' .. task)
  end)
end

--- Rolls back a task (the last one by default).
function M.rollback(task_id)
  task_id = (task_id and task_id ~= '') and task_id or M.state.last_task
  if not task_id then
    notify('no task to roll back yet', levels.WARN)
    return
  end
  with_client(function(client)
    request(client, 'smallcode/rollback', { taskId = task_id }, function(err, result)
      if err then
        notify('rollback failed: ' .. error_text(err), levels.ERROR)
        return
      end
      M.state.last_rollback = result
      notify(string.format('rolled back %s: %d restored, %d deleted', task_id, #(result.restored or {}), #(result.deleted or {})))
    end, vim.api.nvim_get_current_buf())
  end)
end

--- Shows the current TODO plan in a scratch buffer.
function M.plan()
  with_client(function(client)
    request(client, 'smallcode/plan', vim.empty_dict(), function(err, result)
      if err then
        notify('plan failed: ' .. error_text(err), levels.ERROR)
        return
      end
      local text = (result and result.markdown ~= '') and result.markdown or 'No plan yet.'
      vim.cmd('botright new')
      local buf = vim.api.nvim_get_current_buf()
      vim.bo[buf].buftype = 'nofile'
      vim.bo[buf].bufhidden = 'wipe'
      vim.bo[buf].filetype = 'markdown'
      vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(text, '\n', { plain = true }))
      vim.bo[buf].modifiable = false
    end, vim.api.nvim_get_current_buf())
  end)
end

--- Cancels running tasks started here ($/cancelRequest), or a task by id (smallcode/cancelTask).
function M.cancel(task_id)
  with_client(function(client)
    if task_id and task_id ~= '' then
      request(client, 'smallcode/cancelTask', { taskId = task_id }, function(err, result)
        if err then
          notify('cancel failed: ' .. error_text(err), levels.ERROR)
        else
          notify(result.cancelled and ('cancelled ' .. task_id) or (task_id .. ' is not running'))
        end
      end)
      return
    end
    local n = 0
    for id, r in pairs(M.state.running) do
      if r.client_id == client.id then
        -- Neovim drops the callback of a cancelled request, so the bookkeeping happens here.
        cancel_request(client, id)
        M.state.running[id] = nil
        table.insert(M.state.cancelled, { task = r.task, task_id = r.task_id })
        n = n + 1
      end
    end
    notify(n > 0 and string.format('cancelling %d task(s)', n) or 'no running task', n > 0 and levels.INFO or levels.WARN)
  end)
end

function M.stats()
  with_client(function(client)
    request(client, 'smallcode/stats', vim.empty_dict(), function(err, result)
      if err then
        notify('stats failed: ' .. error_text(err), levels.ERROR)
        return
      end
      notify(vim.inspect(result))
    end)
  end)
end

-- The selected lines as a runTask context item (for :'<,'>SmallCodeRun).
local function range_context(cmd_opts)
  if not cmd_opts or cmd_opts.range == 0 then
    return nil
  end
  local bufnr = vim.api.nvim_get_current_buf()
  local last = vim.api.nvim_buf_get_lines(bufnr, cmd_opts.line2 - 1, cmd_opts.line2, false)[1] or ''
  return {
    {
      uri = vim.uri_from_bufnr(bufnr),
      range = { start = { line = cmd_opts.line1 - 1, character = 0 }, ['end'] = { line = cmd_opts.line2 - 1, character = #last } },
    },
  }
end

local function create_commands()
  local cmd = vim.api.nvim_create_user_command
  cmd('SmallCodeRun', function(o)
    M.run(o.args, { context = range_context(o) })
  end, { nargs = '+', range = true, desc = 'SmallCode: run a task' })
  cmd('SmallCodePropose', function(o)
    M.run(o.args, { mode = 'propose', context = range_context(o) })
  end, { nargs = '+', range = true, desc = 'SmallCode: run a task in propose mode' })
  cmd('SmallCodeRollback', function(o)
    M.rollback(o.args)
  end, { nargs = '?', desc = 'SmallCode: roll back a task (the last one by default)' })
  cmd('SmallCodePlan', function()
    M.plan()
  end, { nargs = 0, desc = 'SmallCode: show the TODO plan' })
  cmd('SmallCodeCancel', function(o)
    M.cancel(o.args)
  end, { nargs = '?', desc = 'SmallCode: cancel running tasks (or one by id)' })
  cmd('SmallCodeStats', function()
    M.stats()
  end, { nargs = 0, desc = 'SmallCode: task statistics' })
end

--- setup({cmd, settings, filetypes, root_dir, root_markers, notify_events, use_lsp_config})
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  -- Lists are replaced, not merged index by index.
  if opts and opts.cmd then
    M.config.cmd = opts.cmd
  end
  vim.lsp.handlers['smallcode/taskEvent'] = on_task_event
  create_commands()

  if M.config.use_lsp_config and vim.lsp.config and vim.lsp.enable and type(M.config.root_dir) ~= 'string' then
    local cfg = client_config(nil)
    cfg.root_dir = nil
    cfg.workspace_folders = nil
    cfg.root_markers = M.config.root_markers
    if type(M.config.root_dir) == 'function' then
      -- 0.11's root_dir(bufnr, on_dir) form.
      cfg.root_dir = function(bufnr, on_dir)
        on_dir(M.config.root_dir(bufnr))
      end
    end
    cfg.filetypes = M.config.filetypes
    vim.lsp.config(NAME, cfg)
    vim.lsp.enable(NAME)
    return
  end

  local group = vim.api.nvim_create_augroup('smallcode', { clear = true })
  vim.api.nvim_create_autocmd({ 'FileType', 'BufEnter' }, {
    group = group,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  -- Buffers already open when setup runs.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) then
      M.attach(b)
    end
  end
end

return M
