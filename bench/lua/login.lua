-- wrk: POST /users/login with a real account (e-mail and password as script arguments:
-- wrk ... -s login.lua URL -- EMAIL PASSWORD). Every request costs the server one argon2id hash.
function init(args)
    wrk.method = "POST"
    wrk.path = "/users/login"
    wrk.headers["Content-Type"] = "application/json"
    wrk.body = '{"email":"' .. args[1] .. '","password":"' .. args[2] .. '"}'
end
