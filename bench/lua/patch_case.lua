-- wrk: PATCH /cases/{id}, rotating over the seeded case ids (a file, one id per line, given as the
-- first script argument: wrk ... -s patch_case.lua URL -- ids.txt). Each request changes `outcome`
-- to a new value, so every PATCH is a real change (a version bump and an update event).
local ids = {}
local next_id = 0
local counter = 0

function init(args)
    for line in io.lines(args[1]) do
        if #line > 0 then ids[#ids + 1] = line end
    end
    if #ids == 0 then error("patch_case.lua: no ids in " .. tostring(args[1])) end
    wrk.headers["Content-Type"] = "application/json"
end

function request()
    next_id = next_id % #ids + 1
    counter = counter + 1
    return wrk.format("PATCH", "/cases/" .. ids[next_id], nil,
        '{"outcome":"Review ' .. counter .. '"}')
end
