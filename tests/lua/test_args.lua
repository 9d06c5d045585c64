-- petlua.args: a script's options. Exact values and messages.
local T = dofile("tests/lua/harness.lua")
local args = require "petlua.args"

-- The spec used by most cases, with the arguments given.
local function spec(list, extra)
  local s = {
    "Test script",
    {"--by", "string", default = "responder", help = "field to group by"},
    {"--chart", "path", help = "an SVG file"},
    {"--any", "boolean", help = "any word"},
    {"--top", "integer"},
    {"--threshold", "number", default = 0.8},
    {"--tag", "string", many = true},
    {"--as-of", "string"},
    {"words", "string", many = true, help = "words to look for"},
    args = list,
  }
  s.args[0] = s.args[0] or "scripts/x.lua"
  for k, v in pairs(extra or {}) do s[k] = v end
  return s
end

-- The exit request parse raised: status, message.
local function exit_of(s)
  local ok, err = pcall(args.parse, s)
  if ok then error("expected the script to end, got options", 2) end
  if type(err) ~= "table" then error("expected an exit request, got: " .. tostring(err), 2) end
  return err.exit, err.message
end

T.case("defaults: given, false for a flag, {} for many", function()
  T.eq(args.parse(spec{}), {by = "responder", any = false, threshold = 0.8, tag = {}, words = {}})
end)

T.cases("option forms", {
  {{"--by", "topic"}, "by", "topic"},
  {{"--by=topic"}, "by", "topic"},
  {{"--by="}, "by", ""},
  {{"--by=a=b"}, "by", "a=b"},
  {{"--chart", "out.svg"}, "chart", "out.svg"},
  {{"--any"}, "any", true},
  {{"--any=no"}, "any", false},
  {{"--any=true"}, "any", true},
  {{"--no-any"}, "any", false},
  {{"--any", "--no-any"}, "any", false},
  {{"--top", "10"}, "top", 10},
  {{"--top=-3"}, "top", -3},
  {{"--threshold", "0.5"}, "threshold", 0.5},
  {{"--threshold", "1"}, "threshold", 1},
  {{"--tag", "a", "--tag=b"}, "tag", {"a", "b"}},
  {{"--as-of", "today"}, "as_of", "today"},
  {{"--by", "a", "--by", "b"}, "by", "b"},
  {{"x", "--by", "topic", "y"}, "words", {"x", "y"}},
  {{"--", "--by", "-"}, "words", {"--by", "-"}},
  {{"-"}, "words", {"-"}},
}, function(c)
  T.eq(args.parse(spec(c[1]))[c[2]], c[3])
end)

T.case("an integer option gives a Lua integer", function()
  T.eq(math.type(args.parse(spec{"--top", "7"}).top), "integer")
end)

T.cases("bad usage ends with status 2 and names the option", {
  {{"--bogus"}, "petlua: scripts/x.lua: unknown option '--bogus' (see --help)"},
  {{"--bogus=1"}, "petlua: scripts/x.lua: unknown option '--bogus' (see --help)"},
  {{"-x"}, "petlua: scripts/x.lua: unknown option '-x' (see --help)"},
  {{"--no-by"}, "petlua: scripts/x.lua: unknown option '--no-by' (see --help)"},
  {{"--by"}, "petlua: scripts/x.lua: option '--by' needs a value (see --help)"},
  {{"--by", "--any"}, "petlua: scripts/x.lua: option '--by' needs a value (see --help)"},
  {{"--top", "abc"}, "petlua: scripts/x.lua: bad value 'abc' for option '--top': an integer expected (see --help)"},
  {{"--top", "4.5"}, "petlua: scripts/x.lua: bad value '4.5' for option '--top': an integer expected (see --help)"},
  {{"--top", "99999999999999999999"},
   "petlua: scripts/x.lua: bad value '99999999999999999999' for option '--top': an integer expected (see --help)"},
  {{"--threshold=x"}, "petlua: scripts/x.lua: bad value 'x' for option '--threshold': a number expected (see --help)"},
  {{"--threshold=1e999"}, "petlua: scripts/x.lua: bad value '1e999' for option '--threshold': a number expected (see --help)"},
  {{"--chart="}, "petlua: scripts/x.lua: bad value '' for option '--chart': a path expected (see --help)"},
  {{"--any=maybe"}, "petlua: scripts/x.lua: bad value 'maybe' for option '--any': true or false expected (see --help)"},
  {{"--no-any=1"}, "petlua: scripts/x.lua: option '--no-any' takes no value (see --help)"},
}, function(c)
  local code, message = exit_of(spec(c[1]))
  T.eq(code, 2)
  T.eq(message, c[2])
end)

T.case("positionals: required, optional, typed, too many", function()
  local s = {"d", {"file", "path"}, {"count", "integer", default = 1}, args = {}}
  s.args = {"a.csv"}
  T.eq(args.parse(s), {file = "a.csv", count = 1})
  s.args = {"a.csv", "5"}
  T.eq(args.parse(s), {file = "a.csv", count = 5})
  s.args = {}
  T.eq({exit_of(s)}, {2, "petlua: script: missing argument 'file' (see --help)"})
  s.args = {"a", "b"}
  T.eq({exit_of(s)}, {2, "petlua: script: bad value 'b' for argument 'count': an integer expected (see --help)"})
  s.args = {"a", "2", "c"}
  T.eq({exit_of(s)}, {2, "petlua: script: unexpected argument 'c' (see --help)"})
end)

T.case("a negative number is a positional, not an option", function()
  T.eq(args.parse{"d", {"n", "number"}, args = {"-5"}}, {n = -5})
end)

T.case("required = true on an option and on a many positional", function()
  T.eq({exit_of{"d", {"--in", "string", required = true}, args = {}}},
    {2, "petlua: script: option '--in' is required (see --help)"})
  T.eq({exit_of{"d", {"ids", "string", many = true, required = true}, args = {}}},
    {2, "petlua: script: missing argument 'ids' (see --help)"})
end)

T.case("choices", function()
  local s = {"d", {"--mode", "string", choices = {"a", "b", "c"}}, args = {"--mode", "b"}}
  T.eq(args.parse(s).mode, "b")
  s.args = {"--mode", "d"}
  T.eq({exit_of(s)}, {2, "petlua: script: bad value 'd' for option '--mode': a, b or c expected (see --help)"})
end)

T.case("common = true: the shared options and their defaults", function()
  local opt = args.parse{"d", common = true, args = {"--data", "made-up/examples", "--out", "-", "--parliament", "44"}}
  T.eq(opt, {data = "made-up/examples", out = "-", lang = "en", parliament = 44, excel = false, no_total = false,
             labels = "en"})
  T.eq(args.parse{"d", common = true, args = {"--lang", "fr"}}.lang, "fr")
  T.eq({exit_of{"d", common = true, args = {"--lang", "de"}, name = "scripts/x.lua"}},
    {2, "petlua: scripts/x.lua: bad value 'de' for option '--lang': en or fr expected (see --help)"})
  T.eq({exit_of{"d", common = true, args = {"--parliament", "abc"}, name = "scripts/x.lua"}},
    {2, "petlua: scripts/x.lua: bad value 'abc' for option '--parliament': an integer expected (see --help)"})
end)

T.case("a script's own option hides the common one of the same name", function()
  local opt = args.parse{"d", {"--out", "string", default = "x.csv"}, common = true, args = {}}
  T.eq(opt.out, "x.csv")
end)

T.case("date options read by petlua.date.parse", function()
  local date = require "petlua.date"
  local opt = args.parse{"d", common = true, args = {"--since", "June 4, 2021", "--until=2021-12-31"}}
  T.eq(opt.since, "2021-06-04")
  T.eq(opt["until"], "2021-12-31")
  T.eq({exit_of{"d", common = true, args = {"--since", "not a date"}}},
    {2, "petlua: script: bad value 'not a date' for option '--since': expected YYYY-MM-DD, YYYY-MM or YYYY (see --help)"})
  T.eq(date.parse("2020-02-31"), nil)
  T.eq({exit_of{"d", common = true, args = {"--until", "2020-13"}}},
    {2, "petlua: script: bad value '2020-13' for option '--until': expected YYYY-MM-DD, YYYY-MM or YYYY (see --help)"})
end)

T.case("dates as people type them: a year or a month, from its start or through its end", function()
  local function dates(...) local o = args.parse{"d", common = true, args = {...}} return {o.since, o["until"]} end
  T.eq(dates("--since", "2020", "--until", "2020"), {"2020-01-01", "2020-12-31"})
  T.eq(dates("--since", "2020-06", "--until", "2020-06"), {"2020-06-01", "2020-06-30"})
  T.eq(dates("--since", "2024-02", "--until", "2024-02"), {"2024-02-01", "2024-02-29"})
  T.eq(dates("--until", "2023-12"), {nil, "2023-12-31"})
  T.eq(dates("--since", "June 4, 2021", "--until", "2021-07-01"), {"2021-06-04", "2021-07-01"})
end)

T.case("--help and -h print the help and end with status 0", function()
  local out = io.tmpfile()
  local stdout = io.stdout
  io.stdout = out
  local ok1, e1 = pcall(args.parse, spec{"--help"})
  local ok2, e2 = pcall(args.parse, spec{"--by", "x", "-h", "--bogus"})
  io.stdout = stdout
  T.eq({ok1, ok2}, {false, false})
  T.eq(e1, {exit = 0})
  T.eq(e2, {exit = 0})
  out:seek("set")
  local text = out:read("a")
  out:close()
  T.eq(text, args.help(spec{}, "scripts/x.lua"):rep(2))
end)

T.case("the generated help", function()
  T.eq(args.help(spec{}, "scripts/x.lua"), table.concat({
    "usage: petlua scripts/x.lua [options] [words...]",
    "",
    "Test script",
    "",
    "arguments:",
    "  words...            words to look for",
    "",
    "options:",
    "  --by TEXT           field to group by (default: responder)",
    "  --chart PATH        an SVG file",
    "  --any               any word",
    "  --top N",
    "  --threshold NUMBER  (default: 0.8)",
    "  --tag TEXT          (may repeat)",
    "  --as-of TEXT",
    "  -h, --help          show this help and exit",
  }, "\n") .. "\n")
end)

T.case("the help of the common options", function()
  local text = args.help({"Common", common = true}, "t")
  T.eq(text:match("  %-%-lang en|fr[^\n]*\n[^\n]*"),
    "  --lang en|fr           language kept when a petition has an English and a\n" ..
    "                         French page (default: en)")   -- wrapped to 80 columns, under itself
  T.eq(text:match("  %-%-parliament N[^\n]*\n[^\n]*"),
    "  --parliament N         only petitions of this Parliament (e.g. 44; the UK's:\n" ..
    "                         58 for 2019-2024)")
  T.eq(text:match("  %-%-parliament%-of [^\n]*\n[^\n]*"),
    "  --parliament-of ca|uk  only petitions to the House of Commons of Canada (ca)\n" ..
    "                         or to the UK Parliament (uk)")
  for line in text:gmatch("[^\n]+") do T.eq(#line <= 80, true, line) end
end)

T.case("common = {except = ...}: the shared options but those named", function()
  local text = args.help({"Some", common = {except = {"--no-total", "--labels"}}}, "t")
  T.eq(text:find("--no-total", 1, true), nil)
  T.eq(text:find("--labels", 1, true), nil)
  T.eq(text:find("--excel", 1, true) ~= nil, true)
  local ok, err = pcall(args.parse, {"Some", common = {except = {"--labels"}}, args = {"--labels", "fr"}, name = "t"})
  T.eq(ok, false)
  T.eq(type(err) == "table" and err.exit, 2)
end)

T.case("without spec.args: the global arg, and arg[0] names the script", function()
  local saved = arg
  arg = {[0] = "scripts/y.lua", "--by", "topic", "w1"}
  local ok, opt = pcall(args.parse, {"d", {"--by", "string"}, {"words", "string", many = true}})
  local ok2, err = pcall(args.parse, {"d"})
  arg = saved
  T.eq(ok, true)
  T.eq(opt, {by = "topic", words = {"w1"}})
  T.eq(ok2, false)
  T.eq(err.message, "petlua: scripts/y.lua: unknown option '--by' (see --help)")
end)

T.cases("a wrong spec is misuse: raises at the caller's line", {
  {{"d", {"--a", "strin"}},
   "test_args.lua:%d+: petlua.args: %-%-a: unknown type 'strin' %(string, number, integer, boolean, path, date, field or fields expected%)"},
  {{"d", "oops"}, "test_args.lua:%d+: petlua.args: entry 2 is a string, not a table"},
  {{"d", {"-a", "string"}}, "test_args.lua:%d+: petlua.args: entry 2: name '%-%-option' or 'argument' expected, got %-a"},
  {{"d", {"--a", "boolean", choices = "x"}}, "test_args.lua:%d+: petlua.args: %-%-a: choices must be a list"},
  {{"d", {"f", "boolean"}}, "test_args.lua:%d+: petlua.args: f: a positional argument cannot be boolean"},
  {{"d", {"a", "string", many = true}, {"b", "string"}},
   "test_args.lua:%d+: petlua.args: b: comes after 'a', which takes every argument left"},
}, function(c)
  c[1].args = {}
  local ok, err = pcall(function()
    local opt = args.parse(c[1])   -- not a tail call: the caller's line is here
    return opt
  end)
  T.eq(ok, false)
  if not tostring(err):find("^tests/lua/" .. c[2] .. "$") then
    error("wrong error: " .. tostring(err))
  end
end)

T.case("a named-twice positional is misuse", function()
  T.raises("petlua.args: a: named twice", args.parse, {"d", {"a", "string"}, {"a", "string"}, args = {}})
end)

T.case("petlua.args is parse", function()
  T.eq(petlua.args, args.parse)
end)
