-- Rotates through search + two filter combinations so that no two requests
-- in a row share a cache entry: the figure measures the queries themselves.
local words = {"python", "go", "data", "designer", "manager", "nurse", "sales", "cloud", "java",
  "security", "teacher", "analyst", "devops", "product", "marketing", "react", "kubernetes", "finance"}
local types = {"full_time", "part_time", "contract", "internship", "temporary", "freelance"}
local countries = {"Germany", "France", "United%20States", "India", "Brazil", "Canada", "Spain",
  "Japan", "Poland", "Italy", "Kenya", "Sweden"}
local i = 0
request = function()
  i = i + 1
  local w = words[i % #words + 1]
  local t = types[math.floor(i / #words) % #types + 1]
  local c = countries[math.floor(i / (#words * #types)) % #countries + 1]
  return wrk.format("GET", "/api/v1/careers/jobs?q=" .. w .. "&job_type=" .. t .. "&country=" .. c)
end
