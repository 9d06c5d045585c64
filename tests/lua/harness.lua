-- harness.lua — tables of cases, run by petlua itself.
-- Each case prints "ok - name" or "not ok - name" and, on failure, why.
--   local T = dofile("tests/lua/harness.lua")
--   T.case("name", function() T.eq(got, want) end)
local T = {}

local function show(v, depth)
  depth = depth or 0
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) ~= "table" or depth > 3 then return tostring(v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for _, k in ipairs(keys) do
    parts[#parts + 1] = tostring(k) .. "=" .. show(v[k], depth + 1)
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end
T.show = show

local function deep_equal(a, b)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then
    if type(a) == "number" and type(b) == "number" then
      return math.type(a) == math.type(b) and a == b
    end
    return false
  end
  for k, v in pairs(a) do if not deep_equal(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end
T.deep_equal = deep_equal

-- Values must be equal (tables deeply, integers and floats apart).
function T.eq(got, want, what)
  if not deep_equal(got, want) then
    error(string.format("%s\n    got:  %s\n    want: %s", what or "values differ",
      show(got), show(want)), 2)
  end
end

-- A number within tol of the wanted value.
function T.near(got, want, tol, what)
  if type(got) ~= "number" or math.abs(got - want) > (tol or 1e-9) then
    error(string.format("%s\n    got:  %s\n    want: %s", what or "numbers differ",
      tostring(got), tostring(want)), 2)
  end
end

-- fn(...) must raise an error whose message contains `pattern` (plain text).
function T.raises(pattern, fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then error("expected an error containing " .. show(pattern), 2) end
  if not tostring(err):find(pattern, 1, true) then
    error(string.format("wrong error\n    got:  %s\n    want: ...%s...", tostring(err), pattern), 2)
  end
end

function T.case(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    print("ok - " .. name)
  else
    print("not ok - " .. name)
    print("    " .. tostring(err):gsub("\n", "\n    "))
  end
end

-- A whole file (fixtures, outputs), read in binary mode; raises if it cannot be.
function T.read_file(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- A new temporary file holding content; its path.
function T.temp_file(content)
  local path = os.tmpname()
  local f = assert(io.open(path, "wb"))
  f:write(content)
  f:close()
  return path
end

-- Run each row of a table of cases through fn(row); the case is named by name(row).
function T.cases(label, rows, fn)
  for i, row in ipairs(rows) do
    T.case(string.format("%s #%d %s", label, i, row.name or show(row[1])), function() fn(row) end)
  end
end

return T
