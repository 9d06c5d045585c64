# test_csv_interop.sh — petlua.csv against other CSV implementations:
# Python's csv module (and pandas when it imports) reads what petlua writes,
# and petlua reads what they write; output to a FIFO and to a closed pipe.
. tests/e2e/lib.sh
PY=python3
T="timeout 30"

# The awkward values, one per row, the same on both sides (Python literals
# and Lua literals must agree; "" is written as an empty cell).
cat >"$TMP/values.py" <<'EOF'
VALUES = ['say "hi"', 'a,b', 'line1\nline2', 'crlf\r\nx', 'éàü œ “curly” 日本', '',
          ' spaces ', '"', ',', 'semi;colon', 'tab\there', '3', '2.5', 'last']
EOF
cat >"$TMP/values.lua" <<'EOF'
return {'say "hi"', 'a,b', 'line1\nline2', 'crlf\r\nx', 'éàü œ “curly” 日本', '',
        ' spaces ', '"', ',', 'semi;colon', 'tab\there', '3', '2.5', 'last'}
EOF

# ---- petlua writes, Python reads
run $T "$PETLUA" -e "
  local values = dofile('$TMP/values.lua')
  local rows = {}
  for i, v in ipairs(values) do rows[i] = {id = i, v = v} end
  petlua.csv.write('$TMP/petlua.csv', rows, {columns = {'id', 'v'}})
  petlua.csv.write('$TMP/petlua-crlf.csv', rows, {columns = {'id', 'v'}, crlf = true})"
check_status 0 "petlua writes the awkward values"
cat >"$TMP/check_py.py" <<'EOF'
import csv, sys
sys.path.insert(0, sys.argv[1])
from values import VALUES
want = [['id', 'v']] + [[str(i + 1), v] for i, v in enumerate(VALUES)]
for name in sys.argv[2:]:
    with open(name, newline='', encoding='utf-8') as f:
        got = list(csv.reader(f))
    if got == want:
        print("ok - python csv reads %s" % name.split('/')[-1])
    else:
        print("not ok - python csv reads %s" % name.split('/')[-1])
        print("    got:  %r\n    want: %r" % (got, want))
EOF
$PY "$TMP/check_py.py" "$TMP" "$TMP/petlua.csv" "$TMP/petlua-crlf.csv"

# ---- Python writes (CRLF, minimal quoting; all quoted; TSV with a BOM), petlua reads
cat >"$TMP/write_py.py" <<'EOF'
import csv, sys
sys.path.insert(0, sys.argv[1])
from values import VALUES
rows = [['id', 'v']] + [[str(i + 1), v] for i, v in enumerate(VALUES)]
d = sys.argv[1]
with open(d + '/py-minimal.csv', 'w', newline='', encoding='utf-8') as f:
    csv.writer(f).writerows(rows)
with open(d + '/py-all.csv', 'w', newline='', encoding='utf-8') as f:
    csv.writer(f, quoting=csv.QUOTE_ALL).writerows(rows)
with open(d + '/py-bom.tsv', 'w', newline='', encoding='utf-8-sig') as f:
    csv.writer(f, delimiter='\t', lineterminator='\n').writerows(rows)
EOF
$PY "$TMP/write_py.py" "$TMP"
cat >"$TMP/check_lua.lua" <<'EOF'
local dir, file, sep = ...
local values = dofile(dir .. "/values.lua")
local rows, header = petlua.csv.read(dir .. "/" .. file, {sep = sep})
local problems = {}
if not rows then problems[1] = header
else
  if table.concat(header, "|") ~= "id|v" then problems[#problems + 1] = "header " .. table.concat(header, "|") end
  if #rows ~= #values then problems[#problems + 1] = #rows .. " rows" end
  for i, v in ipairs(values) do
    local r = rows[i] or {}
    local want = v ~= "" and v or nil            -- an empty cell is missing
    if r.id ~= tostring(i) or r.v ~= want then
      problems[#problems + 1] = string.format("row %d: %q", i, tostring(r.v))
    end
  end
end
print((#problems == 0 and "ok - " or "not ok - ") .. "petlua reads " .. file)
for _, p in ipairs(problems) do print("    " .. p) end
EOF
for f in py-minimal.csv py-all.csv; do
    $T "$PETLUA" "$TMP/check_lua.lua" "$TMP" "$f"
done
$T "$PETLUA" "$TMP/check_lua.lua" "$TMP" py-bom.tsv "	"

# ---- pandas, when it imports
if "$DEBIAN_PYTHON" -c "import pandas" 2>/dev/null; then
    cat >"$TMP/pandas_rt.py" <<'EOF'
import sys
import pandas as pd
sys.path.insert(0, sys.argv[1])
from values import VALUES
d = sys.argv[1]
df = pd.read_csv(d + '/petlua.csv', dtype=str, keep_default_na=False)
got = list(df['v'])
if list(df.columns) == ['id', 'v'] and got == VALUES:
    print("ok - pandas reads petlua's CSV")
else:
    print("not ok - pandas reads petlua's CSV")
    print("    got:  %r" % (got,))
pd.DataFrame({'id': [str(i + 1) for i in range(len(VALUES))], 'v': VALUES}).to_csv(
    d + '/pandas.csv', index=False)
EOF
    "$DEBIAN_PYTHON" "$TMP/pandas_rt.py" "$TMP"
    $T "$PETLUA" "$TMP/check_lua.lua" "$TMP" pandas.csv
    # the scripts' exports as pandas reads them plainly: numbers stay numbers,
    # missing values NaN, --excel's BOM and CRLF invisible
    $T "$PETLUA" scripts/response_times.lua --data made-up/examples --as-of 2025-12-31 --out "$TMP/rt.csv"
    $T "$PETLUA" scripts/response_times.lua --data made-up/examples --as-of 2025-12-31 --excel --out "$TMP/rt-excel.csv"
    $T "$PETLUA" scripts/export.lua --data made-up/examples --out "$TMP/export.csv"
    cat >"$TMP/pandas_types.py" <<'EOF'
import sys
import pandas as pd
d = sys.argv[1]
def check(what, ok, detail=""):
    print(("ok - " if ok else "not ok - ") + what + ("" if ok else "\n    " + detail))
rt = pd.read_csv(d + '/rt.csv')
check("pandas: response_times' counts are integers", str(rt['petitions'].dtype) == 'int64', str(rt.dtypes))
check("pandas: response_times' medians and shares are numbers",
      all(str(rt[c].dtype) == 'float64' for c in ['median_days', 'mean_days', 'late_share']), str(rt.dtypes))
xl = pd.read_csv(d + '/rt-excel.csv')
check("pandas: an --excel CSV reads the same (BOM and CRLF unseen)",
      list(xl.columns) == list(rt.columns) and xl.equals(rt), repr(list(xl.columns)))
ex = pd.read_csv(d + '/export.csv')
check("pandas: the export's parliament and signatures are numbers",
      str(ex['parliament'].dtype) in ('int64', 'float64') and str(ex['signatures'].dtype) in ('int64', 'float64'),
      str(ex[['parliament', 'signatures']].dtypes))
check("pandas: the export's late is true/false", set(ex['late'].dropna().unique()) <= {True, False},
      repr(ex['late'].unique()))
EOF
    "$DEBIAN_PYTHON" "$TMP/pandas_types.py" "$TMP"
else
    for what in "pandas reads petlua's CSV" "petlua reads pandas.csv" "pandas: response_times' counts are integers" \
                "pandas: response_times' medians and shares are numbers" "pandas: an --excel CSV reads the same (BOM and CRLF unseen)" \
                "pandas: the export's parliament and signatures are numbers" "pandas: the export's late is true/false"; do
        skip "$what" "pandas is not installed"
    done
fi

# ---- a FIFO is written in place, never renamed over
mkfifo "$TMP/fifo"
cat "$TMP/fifo" >"$TMP/fifo.out" &
reader=$!
run $T "$PETLUA" -e "petlua.csv.write('$TMP/fifo', {{a = 1, b = 'x,y'}})"
wait $reader
check_status 0 "write to a FIFO"
printf 'a,b\n1,"x,y"\n' >"$TMP/fifo.want"
check_same "$TMP/fifo.out" "$TMP/fifo.want" "the FIFO's reader got the rows"
if [ -p "$TMP/fifo" ]; then ok "the FIFO is still a FIFO"; else not_ok "the FIFO is still a FIFO"; fi

# ---- a closed pipe: an error message and status 1, no crash, no hang
big="local rows = {} for i = 1, 200000 do rows[i] = {a = i, b = 'some text'} end"
(
    $T "$PETLUA" -e "$big petlua.csv.write('-', rows)" 2>"$TMP/pipe.err"
    echo $? >"$TMP/pipe.status"
) | head -1 >"$TMP/pipe.out"
status=$(cat "$TMP/pipe.status")
printf 'a,b\n' >"$TMP/pipe.want"
check_same "$TMP/pipe.out" "$TMP/pipe.want" "write('-') | head -1: the first line"
if [ "$status" = 1 ]; then ok "write('-') | head -1: status 1, not killed by SIGPIPE"; else
    not_ok "write('-') | head -1: status 1" "status $status" "$(cat "$TMP/pipe.err")"; fi
check_contains "$TMP/pipe.err" "cannot write 'standard output' (Broken pipe)" "write('-') | head -1: the error names the pipe"

(
    $T "$PETLUA" -e "local w = petlua.csv.writer('-', {'a'}) for i = 1, 1000000 do w:write{a = i} end w:close()" \
        2>"$TMP/pipe.err"
    echo $? >"$TMP/pipe.status"
) | head -1 >"$TMP/pipe.out"
status=$(cat "$TMP/pipe.status")
if [ "$status" = 1 ]; then ok "writer('-') | head -1: status 1"; else
    not_ok "writer('-') | head -1: status 1" "status $status" "$(cat "$TMP/pipe.err")"; fi
check_contains "$TMP/pipe.err" "cannot write 'standard output' (Broken pipe)" "writer('-') | head -1: the error names the pipe"
