-- wrk: POST /cases/ with a fixed, typical case body read from the file given as the first script
-- argument (wrk ... -s post_case.lua URL -- post_body.json); run.sh sends the same file once to
-- capture the bytes of a typical 201 for the nginx ceiling. The token comes with wrk's -H.
function init(args)
    local file = assert(io.open(args[1], "rb"))
    wrk.body = file:read("*a")
    file:close()
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
end
