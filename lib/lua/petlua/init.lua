-- petlua — the library every script sees as the global `petlua`
-- (also `require "petlua"`). This file only assembles it: each part lives in
-- its own module under lib/lua/petlua/ or in a C binding, and is loaded the
-- first time a script touches it, so `petlua -e ''` stays fast.
local config = require "petlua.config"

local petlua = {
  version = config.version,
  config = config,
}

-- petlua.NAME -> the module that provides it (a field of it, or the whole module).
local parts = {
  date  = {"petlua.date"},
  text  = {"petlua.text"},
  csv   = {"petlua.csv"},
  stats = {"petlua.stats"},
  chart = {"petlua.chart"},
  load   = {"petlua.loader", "load"},
  parse  = {"petlua.loader", "parse"},
  select = {"petlua.loader", "select"},
  set    = {"petlua.set", "new"},
  Set    = {"petlua.set"},
  args   = {"petlua.args", "parse"},
  show   = {"petlua.show", "show"},
  output = {"petlua.output"},
  format = {"petlua.show", "format"},
}

setmetatable(petlua, {
  __index = function(t, name)
    local part = parts[name]
    if not part then return nil end
    local mod = require(part[1])
    local value = part[2] and mod[part[2]] or mod
    rawset(t, name, value)
    return value
  end,
})

-- Ends the script with an exit status, after printing message (if any) on
-- stderr. Unlike os.exit it unwinds, so open files are closed and the REPL
-- survives a script's `--help`.
function petlua.exit(code, message)
  error({exit = code, message = message}, 0)
end

-- One line per component, for `petlua --version`.
function petlua.versions()
  local lines = {config.lua_release or _VERSION}
  local ok, lfs = pcall(require, "lfs")
  if ok and lfs._VERSION then lines[#lines + 1] = lfs._VERSION end
  for _, name in ipairs{"petlua.text", "petlua.csv", "petlua.page", "petlua.tidy"} do
    local ok2, mod = pcall(require, name)
    if ok2 and type(mod) == "table" and type(mod.versions) == "function" then
      for _, v in ipairs(mod.versions()) do lines[#lines + 1] = v end
    end
  end
  return table.concat(lines, "\n")
end

return petlua
