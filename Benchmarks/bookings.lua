-- wrk script: every request books a different quarter-hour slot of the same
-- room, so all of them should be confirmed. 95 slots a day (00:00–23:45; the
-- last quarter would end at 24:00) for up to 730 days: room for 69,350 bookings.
-- Set COOKIE, CSRF and BASE_DAY_EPOCH (see bookings.sh).
local counter = 0
local cookie = os.getenv("COOKIE")
local csrf = os.getenv("CSRF")
local base = tonumber(os.getenv("BASE_DAY_EPOCH"))

request = function()
  local day = base + math.floor(counter / 95) * 86400
  local start = (counter % 95) * 15
  counter = counter + 1
  local finish = start + 15
  local date = os.date("!%Y-%m-%d", day)
  local body = string.format("date=%s&start=%02d%%3A%02d&end=%02d%%3A%02d&attendees=2&repeat_weeks=0&csrf_token=%s",
                             date, math.floor(start / 60), start % 60, math.floor(finish / 60), finish % 60, csrf)
  return wrk.format("POST", "/rooms/1/bookings", {
    ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body)
end
