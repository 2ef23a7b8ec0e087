-- wrk: cycles through the requests of the file PAGES_REQUESTS, one per line, `GET PATH` or
-- `POST PATH CSRF` (the form's token for that link), each thread from its own starting point so
-- that two threads do not post the same link at once.
local requests = {}
local index = 0
local threads = 0

function setup(thread)
  thread:set("number", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(os.getenv("PAGES_REQUESTS")) do
    local method, path, csrf = line:match("^(%S+) (%S+) ?(%S*)$")
    if method == "POST" then
      local body = "csrf=" .. csrf .. "&q1=4&q2=4&q3=5&q4=4&q5=3&q6=oui&q7=Tr%C3%A8s+concret"
      table.insert(requests, wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded" }, body))
    else
      table.insert(requests, wrk.format("GET", path))
    end
  end
  index = math.floor((number or 0) * #requests / 2)
end

function request()
  index = index % #requests + 1
  return requests[index]
end
