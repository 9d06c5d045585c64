-- test_date.lua — petlua.date as a script sees it: English, French and ISO
-- forms, leap years and month ends, and the two error channels (nil, message
-- for text that is not a date; a raise for a wrong ISO argument).
local T = dofile("tests/lua/harness.lua")
local date = require "petlua.date"

-- Called from a Lua function (not a tail call), so errors name the function.
local calls = {
  parse = function(...) local r, m = date.parse(...) return r, m end,
  days = function(...) local r = date.days(...) return r end,
  add = function(...) local r = date.add(...) return r end,
  weekday = function(...) local r = date.weekday(...) return r end,
}

-- tests/dates.tsv, shared with tests/c/test_date.c: each input, and its ISO
-- date and time (or the message). parse gives the date alone; datetime the
-- date and time, nil and "no time of day" for a date printed without one,
-- and the same message as parse for a text that is not a date.
local DATES = T.read_table("tests/dates.tsv", 2)

T.case("tests/dates.tsv is there, whole", function()
  T.eq(#DATES >= 104, true, #DATES .. " rows")
end)

local function quoted(row)
  local printable = row[1]:gsub("%c", function(c) return string.format("\\x%02x", c:byte()) end)
  return string.format("tests/dates.tsv:%d \"%s\"", row.line, printable)
end

for _, row in ipairs(DATES) do
  local input, want = row[1], row[2]
  local message = want:match("^error: (.*)$")
  T.case("parse " .. quoted(row), function()
    local d, msg = date.parse(input)
    if message then
      T.eq(d, nil, "date")
      T.eq(msg, message, "message")
    else
      T.eq(d, want:sub(1, 10), "date")
      T.eq(msg, nil, "message")
    end
  end)
  T.case("datetime " .. quoted(row), function()
    local d, msg = date.datetime(input)
    if message then
      T.eq({d, msg}, {nil, message})
    elseif #want == 10 then
      T.eq({d, msg}, {nil, string.format('no time of day: "%s"', input)})
    else
      T.eq({d, msg}, {want, nil})
    end
  end)
end

T.case("parse: misuse", function()
  T.raises("bad argument #1 to 'parse' (string expected, got nil)", calls.parse, nil)
  T.raises("bad argument #1 to 'parse' (string expected, got table)", calls.parse, {})
end)

T.cases("days", {
  {"2021-04-21", "2021-06-04", 44},
  {"2021-06-04", "2021-04-21", -44},
  {"2021-06-04", "2021-06-04", 0},
  {"2024-02-28", "2024-03-01", 2},   -- leap year
  {"2023-02-28", "2023-03-01", 1},
  {"2000-02-28", "2000-03-01", 2},   -- divisible by 400: leap
  {"1900-02-28", "1900-03-01", 1},   -- by 100: not
  {"2020-12-31", "2021-01-01", 1},
  {"2000-01-01", "2001-01-01", 366},
  {"2001-01-01", "2002-01-01", 365},
  {"2021-01-31", "2021-02-01", 1},
  {"2021-04-30", "2021-05-01", 1},
  {"1969-12-31", "1970-01-01", 1},
  {"2021-06-04T09:06", "2021-06-05T08:00", 1},   -- times are ignored
}, function(c)
  local n = date.days(c[1], c[2])
  T.eq(math.type(n), "integer")
  T.eq(n, c[3])
end)

T.case("days: misuse", function()
  T.raises("bad argument #1 to 'days' (ISO date expected (YYYY-MM-DD), got \"June 4, 2021\")",
    calls.days, "June 4, 2021", "2021-06-04")
  T.raises("bad argument #2 to 'days' (ISO date expected (YYYY-MM-DD), got \"2021-6-4\")",
    calls.days, "2021-06-04", "2021-6-4")
  T.raises("bad argument #1 to 'days' (no such day: \"2021-02-29\")", calls.days, "2021-02-29", "2021-03-01")
  T.raises("bad argument #2 to 'days' (no such day: \"2021-04-31\")", calls.days, "2021-04-01", "2021-04-31")
  T.raises("bad argument #1 to 'days' (string expected, got nil)", calls.days, nil, "2021-06-04")
  T.raises("bad argument #2 to 'days' (string expected, got no value)", calls.days, "2021-06-04")
  T.raises("bad argument #1 to 'days' (ISO date expected (YYYY-MM-DD), got \" 2021-06-04\")",
    calls.days, " 2021-06-04", "2021-06-04")
end)

T.cases("add", {
  {"2024-02-28", 1, "2024-02-29"},
  {"2023-02-28", 1, "2023-03-01"},
  {"2024-02-29", 1, "2024-03-01"},
  {"2024-03-01", -1, "2024-02-29"},
  {"2021-03-01", -1, "2021-02-28"},
  {"2021-01-31", 1, "2021-02-01"},
  {"2021-04-30", 1, "2021-05-01"},
  {"2020-12-31", 1, "2021-01-01"},
  {"2021-01-01", -1, "2020-12-31"},
  {"2021-04-21", 44, "2021-06-04"},
  {"2021-06-04", 0, "2021-06-04"},
  {"2021-01-01", 365, "2022-01-01"},
  {"2020-01-01", 366, "2021-01-01"},
  {"2021-06-04", 45, "2021-07-19"},
  {"1970-01-01", -1, "1969-12-31"},
  {"9999-12-30", 1, "9999-12-31"},
  {"0001-01-02", -1, "0001-01-01"},
  {"2021-06-04T09:06", 1, "2021-06-05"},
}, function(c) T.eq(date.add(c[1], c[2]), c[3]) end)

T.case("add: misuse", function()
  T.raises("bad argument #2 to 'add' (result out of range (years 1 to 9999))", calls.add, "9999-12-31", 1)
  T.raises("bad argument #2 to 'add' (result out of range (years 1 to 9999))", calls.add, "0001-01-01", -1)
  T.raises("bad argument #2 to 'add' (result out of range (years 1 to 9999))", calls.add, "2021-01-01", math.maxinteger)
  T.raises("bad argument #2 to 'add' (result out of range (years 1 to 9999))", calls.add, "2021-01-01", math.mininteger)
  T.raises("bad argument #2 to 'add' (number has no integer representation)", calls.add, "2021-01-01", 1.5)
  T.raises("bad argument #2 to 'add' (number expected, got no value)", calls.add, "2021-01-01")
  T.raises("bad argument #1 to 'add' (no such day: \"2021-02-30\")", calls.add, "2021-02-30", 1)
end)

T.cases("weekday", {
  {"2021-06-04", 5},   -- a Friday
  {"2024-01-07", 7},   -- a Sunday
  {"2024-01-08", 1},   -- a Monday
  {"2024-02-29", 4},   -- a Thursday
  {"1970-01-01", 4},
  {"1969-12-31", 3},
  {"2000-01-01", 6},   -- a Saturday
}, function(c) T.eq(date.weekday(c[1]), c[2]) end)

T.case("weekday: misuse", function()
  T.raises("bad argument #1 to 'weekday' (ISO date expected (YYYY-MM-DD), got \"Friday\")", calls.weekday, "Friday")
end)

T.case("today", function()
  local before = os.date("%Y-%m-%d")
  local today = date.today()
  local after = os.date("%Y-%m-%d")
  T.eq(today == before or today == after, true, today)
  T.eq(date.parse(today), today)
end)
