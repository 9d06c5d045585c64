-- petlua.set — a set of records: a plain Lua array with methods.
-- new(records) gives a list of records the Set metatable and returns it.
local Set = {}
Set.__index = Set

function Set.new(records)
  return setmetatable(records or {}, Set)
end

function Set.is_set(v)
  return getmetatable(v) == Set
end

return Set
