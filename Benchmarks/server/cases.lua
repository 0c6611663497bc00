-- wrk: GET /api/cases/{id} with a bearer token, cycling over the ids in IDS (comma-separated),
-- each thread starting at its own place; TOKEN and PURPOSE from the environment. Prints one
-- RESULT line (see report.lua) when the run ends.
local ids = {}
for id in string.gmatch(os.getenv("IDS") or "", "[^,]+") do ids[#ids + 1] = id end
local token = os.getenv("TOKEN")
local purpose = os.getenv("PURPOSE") or "presa_in_carico_condivisa"
local counter = 0

function setup(thread)
    thread:set("offset", math.random(#ids))
end

function request()
    counter = counter + 1
    local id = ids[(counter + (offset or 0)) % #ids + 1]
    return wrk.format("GET", "/api/cases/" .. id .. "?purpose=" .. purpose, { ["Authorization"] = "Bearer " .. token })
end

dofile(os.getenv("REPORT_LUA"))
