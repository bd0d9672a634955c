-- wrk script: every request books a different one-hour slot of the same room,
-- so all of them should be confirmed. Set COOKIE and CSRF (see bookings.sh).
local counter = 0
local cookie = os.getenv("COOKIE")
local csrf = os.getenv("CSRF")
local base = tonumber(os.getenv("BASE_DAY_EPOCH"))

request = function()
  counter = counter + 1
  local day = base + math.floor(counter / 24) * 86400
  local hour = counter % 24
  local date = os.date("!%Y-%m-%d", day)
  local body = string.format("date=%s&start=%02d%%3A00&end=%02d%%3A00&attendees=2&repeat_weeks=0&csrf_token=%s",
                             date, hour, hour + 1, csrf)
  return wrk.format("POST", "/rooms/1/bookings", {
    ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body)
end
