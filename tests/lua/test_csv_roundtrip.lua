-- test_csv_roundtrip.lua — petlua.load over data/ (the real pages) and over
-- made-up/ (the made-up ones, every rendering), set:to_csv, petlua.load of
-- that CSV: the same records, every field, types included.
local T = dofile("tests/lua/harness.lua")

local AS_OF = "2024-06-30"
local dir = os.tmpname()
os.remove(dir)
assert(lfs.mkdir(dir))
local out = dir .. "/records.csv"

for _, folder in ipairs{"data", "made-up"} do
  local original = petlua.load(folder, {as_of = AS_OF, quiet = true})

  T.case(folder .. "/ loads (the round trip needs records)", function()
    T.eq(#original > 0, true)
  end)

  T.case(folder .. ": to_csv writes the set", function()
    T.eq(original:to_csv(out), true)
  end)

  local back = petlua.load(out, {as_of = AS_OF, quiet = true})

  T.case(folder .. ": the CSV loads without errors", function()
    T.eq(back.errors, {})
    T.eq(#back, #original)
  end)

  -- One case per record: every field equal, integers, booleans and lists alike.
  for i, rec in ipairs(original) do
    T.case(folder .. ": round trip: " .. tostring(rec.id), function()
      local got = back[i] or {}
      for _, name in ipairs(require("petlua.schema").names) do
        T.eq(got[name], rec[name], rec.id .. "." .. name)
      end
      T.eq(got, rec, rec.id .. " (fields outside the schema)")
    end)
  end
  os.remove(out)
end

lfs.rmdir(dir)
