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

-- ---- the tests' data files (their formats: tests/real/README.md) ----

local ESCAPES = {n = "\n", t = "\t", r = "\r", ["\\"] = "\\"}

-- A value of a data file with its escapes (\n \t \r \\ \xHH) decoded; nil
-- when it holds any other backslash sequence.
function T.unescape(s)
  local out, bad = {}, false
  local i = 1
  while i <= #s do
    local at = s:find("\\", i, true)
    if not at then out[#out + 1] = s:sub(i) break end
    out[#out + 1] = s:sub(i, at - 1)
    local c = s:sub(at + 1, at + 1)
    local hex = c == "x" and s:match("^%x%x", at + 2)
    if ESCAPES[c] then
      out[#out + 1], i = ESCAPES[c], at + 2
    elseif hex then
      out[#out + 1], i = string.char(tonumber(hex, 16)), at + 4
    else
      bad = true
      break
    end
  end
  if bad then return nil end
  return table.concat(out)
end

-- The lines of a data file that are neither comments nor blank, as
-- {line = N, text = "..."}; raises if the file cannot be read.
function T.data_lines(path)
  local lines, n = {}, 0
  for text in (T.read_file(path) .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    if text ~= "" and text:sub(1, 1) ~= "#" then lines[#lines + 1] = {line = n, text = text} end
  end
  return lines
end

-- The rows of a table (NAME.tsv) of n_columns columns, decoded: each row
-- {line = N, value1, value2, ...}. A malformed row raises, naming its line.
function T.read_table(path, n_columns)
  local rows = {}
  for _, l in ipairs(T.data_lines(path)) do
    local row = {line = l.line}
    for cell in (l.text .. "\t"):gmatch("([^\t]*)\t") do
      local v = T.unescape(cell)
      if v == nil then error(string.format("%s:%d: an unknown escape", path, l.line), 2) end
      row[#row + 1] = v
    end
    if #row ~= n_columns then
      error(string.format("%s:%d: %d columns, not %d", path, l.line, #row, n_columns), 2)
    end
    rows[#rows + 1] = row
  end
  return rows
end

-- Run each row of a table of cases through fn(row); the case is named by name(row).
function T.cases(label, rows, fn)
  for i, row in ipairs(rows) do
    T.case(string.format("%s #%d %s", label, i, row.name or show(row[1])), function() fn(row) end)
  end
end

return T
