-- test_output.lua — petlua.output: the formats a script's rows are written
-- in (table, csv, json, md), chosen by --format or --out's extension, and
-- --excel, --no-total.
local T = dofile("tests/lua/harness.lua")
local output = petlua.output

local rows = petlua.set{
  {topic = "Health", n = 3, share = 0.25, late = true},
  {topic = 'A "quoted" | piped\nline', n = 10, late = false},
  {topic = "all", n = 13, share = 0 / 0},
}
rows.columns = {"topic", "n", "share", "late"}
rows.total_row = rows[3]

local function written(opt)
  local path = os.tmpname()
  opt.out = path
  output.write(rows, opt)
  local s = T.read_file(path)
  os.remove(path)
  return s
end

T.case("json: one object a line, keys in column order, NaN null, strings escaped", function()
  T.eq(written{format = "json"},
    '{"topic":"Health","n":3,"share":0.25,"late":true}\n'
    .. '{"topic":"A \\"quoted\\" | piped\\nline","n":10,"share":null,"late":false}\n'
    .. '{"topic":"all","n":13,"share":null,"late":null}\n')
end)

T.case("md: a Markdown table, numbers right-aligned, | and line breaks escaped", function()
  T.eq(written{format = "md"},
    "| topic | n | share | late |\n| --- | ---: | ---: | --- |\n"
    .. "| Health | 3 | 0.25 | true |\n"
    .. "| A \"quoted\" \\| piped<br>line | 10 |  | false |\n"
    .. "| all | 13 |  |  |\n")
end)

T.case("csv, --excel: a byte-order mark and CRLF", function()
  local s = written{format = "csv", excel = true}
  T.eq(s:sub(1, 3), "\239\187\191")
  T.eq(s:sub(4, 22), "topic,n,share,late\r")
end)

T.case("--no-total leaves the total row out", function()
  local s = written{format = "csv", no_total = true}
  T.eq(select(2, s:gsub("\n", "")), 4, "header and two rows")
  T.eq(s:find("all", 1, true), nil)
end)

T.case("the format follows --out's extension, else csv off a terminal", function()
  T.eq(output.format_of{out = "x.json"}, "json")
  T.eq(output.format_of{out = "x.JSONL"}, "json")
  T.eq(output.format_of{out = "x.md"}, "md")
  T.eq(output.format_of{out = "x.txt"}, "table")
  T.eq(output.format_of{out = "x.csv", format = "md"}, "md")
  T.eq(output.format_of{out = "x"}, "csv")
  T.eq(output.format_of{}, "csv")          -- the tests' stdout is no terminal
end)

T.case("table: the aligned text, into a file too", function()
  local s = written{format = "table"}
  T.eq(s:match("^[^\n]*"), "topic                     n  share  late")
end)

T.case("a file that cannot be written ends the script with status 1 and one line naming it", function()
  local ok, err = pcall(output.write, rows, {out = "/nonexistent/x.json"})
  T.eq({ok, err.exit, err.message}, {false, 1, "petlua: petlua: cannot write '/nonexistent/x.json' (No such file or directory)"})
end)
